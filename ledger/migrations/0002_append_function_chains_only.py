"""PostgreSQL: the append function in its new form (``ledger.append``): it takes the entries'
fields and the content part of their hashes' preimage, computed once in Python, and only locks,
chains, hashes and inserts. The function of the old form (which read the actor's roles and
the section in SQL) is dropped. Nothing on other databases."""

from django.db import migrations

from ledger import append


def install(apps, schema_editor):
    append.install(schema_editor.connection)


class Migration(migrations.Migration):
    # PL/pgSQL checks the tables a function reads when it runs, not when it is created.
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
