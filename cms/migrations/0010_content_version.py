"""The content version moves from the shared cache into the database (cms.caching.version):
its one row, starting at the time of the migration in milliseconds (above any version the
cache handed out before)."""

import time

from django.db import migrations, models


def forward(apps, schema_editor):
    ContentVersion = apps.get_model("cms", "ContentVersion")
    now = time.time()
    ContentVersion.objects.get_or_create(
        pk=1, defaults={"version": int(now * 1000), "changed_at": int(now)}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_tag_fallback_slugs"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
                (
                    "changed_at",
                    models.BigIntegerField(default=0, help_text="Unix time of the last change."),
                ),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
