"""PostgreSQL: the ledger's one-call append function (ledger.append). Nothing on
other databases."""

from django.db import migrations

from ledger import append


def install(apps, schema_editor):
    append.install(schema_editor.connection)


def drop(apps, schema_editor):
    append.drop(schema_editor.connection)


class Migration(migrations.Migration):
    # PL/pgSQL checks the tables a function reads when it runs, not when it is created.
    dependencies = [("editorial", "0007_accounts_may_be_deleted")]
    operations = [migrations.RunPython(install, drop)]
