"""The report moderation group, and who may edit help contacts and content-check settings.

"Tiếp nhận phản ánh" handles citizen reports and alone sees reporters' contact details; the
chief editor may read the queue (without contacts); editors and chief editors keep the help
contacts of the child-protection page; administrators edit the content-check lists.
"""

from django.db import migrations

REPORT_MODERATORS = "Tiếp nhận phản ánh"

GRANTS = {
    REPORT_MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("editorial", "view_harmfulcontentreport"),
        ("editorial", "change_harmfulcontentreport"),
        ("editorial", "view_reporter_contact"),
    ],
    "Trưởng ban biên tập": [
        ("editorial", "view_harmfulcontentreport"),
        ("cms", "add_helpcontact"), ("cms", "change_helpcontact"), ("cms", "delete_helpcontact"),
    ],
    "Biên tập viên": [("cms", "add_helpcontact"), ("cms", "change_helpcontact")],
    "Quản trị": [
        ("editorial", "change_contentchecksettings"),
        ("cms", "add_helpcontact"), ("cms", "change_helpcontact"), ("cms", "delete_helpcontact"),
    ],
}


def ensure_permissions(apps):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forward(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in grants:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def reverse(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=REPORT_MODERATORS).delete()
    for name, grants in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in grants:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_reports_and_content_checks"),
        ("cms", "0003_dedicated_sections"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
