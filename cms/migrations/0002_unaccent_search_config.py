"""PostgreSQL: a text search configuration that ignores Vietnamese diacritics.

``portal_unaccent`` is ``simple`` (no stemming: Vietnamese words are single syllables) with
``unaccent`` in front, so "tuyen truyen" matches "tuyên truyền" and "uy ban" matches "Ủy ban".
settings.base sets it as the search backend's SEARCH_CONFIG. Nothing to do on SQLite, where the
folded copy of each page's text does the same job (cms.text.fold).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION portal_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION portal_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_unaccent;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
