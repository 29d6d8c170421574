"""Every entry carries the Ed25519 signature of its hash (``ledger.signing``); entries from
before have none and verify as legacy up to the cut-over entry. PostgreSQL: the chaining
function gives way to the lock-and-head function (``ledger.append.install``): the signature is
made in Python, with a key the database never sees."""

from django.db import migrations, models

from ledger import append


def install(apps, schema_editor):
    append.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_append_function_chains_only")]

    operations = [
        migrations.AddField(
            model_name="ledgerentry",
            name="signature",
            field=models.CharField(blank=True, db_default="", max_length=128, verbose_name="signature"),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
