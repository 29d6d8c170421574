"""Two PostgreSQL indexes for listings at 100,000 articles (issue 9).

- ``(depth, path)``: Wagtail finds a page's children with ``depth = d AND path BETWEEN ...``;
  on the path index alone that range holds every descendant (57,000 under the largest section),
  so PostgreSQL scanned the whole page table (77 ms) to find a section's three subsections.
- The newest-first index of live pages now carries ``path``, ``depth`` and ``content_type_id``:
  a deep page of a section listing (page 500: 6,000 rows skipped) reads the ids it skips from
  the index alone, then fetches its twelve rows (``cms.listings.CountedPaginator``).
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS cms_page_depth_path_idx ON wagtailcore_page (depth, path)",
    "CREATE INDEX IF NOT EXISTS cms_page_live_newest_cover_idx ON wagtailcore_page "
    "(first_published_at DESC, id DESC) INCLUDE (path, depth, content_type_id) WHERE live",
    "DROP INDEX IF EXISTS cms_page_live_newest_idx",
]
REVERSE = [
    "CREATE INDEX IF NOT EXISTS cms_page_live_newest_idx ON wagtailcore_page "
    "(first_published_at DESC, id DESC) WHERE live",
    "DROP INDEX IF EXISTS cms_page_live_newest_cover_idx",
    "DROP INDEX IF EXISTS cms_page_depth_path_idx",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_listing_indexes")]

    operations = [migrations.RunPython(run(CREATE), run(REVERSE))]
