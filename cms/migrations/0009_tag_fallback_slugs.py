"""Tags stored with an empty slug (a name without letters or digits) get the stable fallback
slug of cms.tags, so the pages showing them can link them."""

import hashlib

from django.db import migrations


def forward(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        digest = hashlib.sha256(tag.name.casefold().encode("utf-8")).hexdigest()[:12]
        tag.slug = f"the-{digest}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_tree_and_covering_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
