"""The editorial roles as groups, with the narrowest permissions each needs.

Page permissions are granted on the tree's root so they cover every site. Reporters may create
pages and edit their own drafts but never publish; publishing rights of editors and chief
editors are only ever exercised through review (see editorial's publish guard).
"""

from django.db import migrations

REPORTERS = "Phóng viên"
EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Trưởng ban biên tập"
AUDITORS = "Kiểm tra"
ADMINISTRATORS = "Quản trị"

PAGE_PERMISSIONS = {
    REPORTERS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CHIEF_EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    AUDITORS: [],
    ADMINISTRATORS: [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}

COLLECTION_PERMISSIONS = {
    REPORTERS: [
        ("cms", "add_portalimage"), ("cms", "choose_image"),
        ("cms", "add_portaldocument"), ("cms", "choose_document"),
    ],
    EDITORS: [
        ("cms", "add_portalimage"), ("cms", "change_portalimage"), ("cms", "choose_image"),
        ("cms", "add_portaldocument"), ("cms", "change_portaldocument"),
        ("cms", "choose_document"),
    ],
    CHIEF_EDITORS: [
        ("cms", "add_portalimage"), ("cms", "change_portalimage"),
        ("cms", "delete_portalimage"), ("cms", "choose_image"),
        ("cms", "add_portaldocument"), ("cms", "change_portaldocument"),
        ("cms", "delete_portaldocument"), ("cms", "choose_document"),
    ],
    AUDITORS: [],
    ADMINISTRATORS: [
        ("cms", "add_portalimage"), ("cms", "change_portalimage"),
        ("cms", "delete_portalimage"), ("cms", "choose_image"),
        ("cms", "add_portaldocument"), ("cms", "change_portaldocument"),
        ("cms", "delete_portaldocument"), ("cms", "choose_document"),
    ],
}

MODEL_PERMISSIONS = {
    REPORTERS: [("wagtailadmin", "access_admin")],
    EDITORS: [("wagtailadmin", "access_admin")],
    CHIEF_EDITORS: [("wagtailadmin", "access_admin")],
    AUDITORS: [("wagtailadmin", "access_admin")],
    ADMINISTRATORS: [
        ("wagtailadmin", "access_admin"),
        ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"),
        ("auth", "add_group"), ("auth", "change_group"),
        ("cms", "change_agencysettings"),
        ("wagtailcore", "add_workflow"), ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"), ("wagtailcore", "change_task"),
        ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
}


def ensure_permissions(apps):
    """Permissions are normally created after migrate; the groups need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forward(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for name in PAGE_PERMISSIONS:
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(permission(app_label, codename))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", codename)
                )
        if root_collection is not None:
            for app_label, codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, codename),
                )


def reverse(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(PAGE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_unaccent_search_config"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("auth", "__latest__"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
