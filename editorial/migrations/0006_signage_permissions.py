"""Editors and chief editors choose what the digital signage boards show (the city's plan puts
the portal's content on screens in apartment buildings and public places); chief editors may
also delete a board."""

from django.db import migrations

GRANTS = {
    "Biên tập viên": ["add_signageboard", "change_signageboard", "view_signageboard"],
    "Trưởng ban biên tập": [
        "add_signageboard",
        "change_signageboard",
        "delete_signageboard",
        "view_signageboard",
    ],
}


def forward(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="cms", codename__in=codenames)
        )


def reverse(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="cms", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_merge_ledger"),
        ("cms", "0006_remove_pageapproval"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
