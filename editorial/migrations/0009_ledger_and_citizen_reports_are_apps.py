"""The ledger's and citizen reports' models now belong to the apps ``ledger`` and
``citizen_reports`` (their migrations 0001 take them over). This removes them from
editorial's state only: the tables, their rows and the ledger's triggers stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0008_ledger_append_function"),
        ("ledger", "0001_initial"),
        ("citizen_reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="LedgerEntry"),
                migrations.DeleteModel(name="ReportStatusChange"),
                migrations.DeleteModel(name="HarmfulContentReport"),
            ],
            database_operations=[],
        ),
    ]
