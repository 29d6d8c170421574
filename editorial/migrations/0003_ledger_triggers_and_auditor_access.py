"""The ledger refuses UPDATE, DELETE and TRUNCATE in the database itself (per vendor), and the
Auditors and Administrators groups may read it (editorial.view_ledgerentry)."""

from django.db import migrations

from ledger import triggers

AUDITORS = "Kiểm tra"
ADMINISTRATORS = "Quản trị"


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    triggers.drop(schema_editor.connection)


def grant_read(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("editorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="editorial", codename="view_ledgerentry"
    )
    for group in Group.objects.filter(name__in=[AUDITORS, ADMINISTRATORS]):
        group.permissions.add(permission)


def revoke_read(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="editorial", codename="view_ledgerentry"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_approval_ledger")]
    operations = [
        migrations.RunPython(install_triggers, drop_triggers),
        migrations.RunPython(grant_read, revoke_read),
    ]
