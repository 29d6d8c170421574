"""Give the editorial roles their image and document permissions where Wagtail looks for them.

Wagtail's image and document permission policies check the permissions of the base models
(``wagtailimages.Image``, ``wagtaildocs.Document``) even with custom models, so the
``cms.*_portalimage`` / ``cms.*_portaldocument`` grants of editorial 0001 gave nobody access.
Same groups, same collection (the root), same actions; reversible.
"""

from django.db import migrations

GRANTS = {
    "Phóng viên": ["add_image", "choose_image", "add_document", "choose_document"],
    "Biên tập viên": [
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    ],
    "Trưởng ban biên tập": [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
    "Kiểm tra": [],
    "Quản trị": [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
}
APP_OF = {"image": "wagtailimages", "document": "wagtaildocs"}


def permissions(apps):
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")

    def get(codename):
        return Permission.objects.get(
            content_type__app_label=APP_OF[codename.split("_", 1)[1]], codename=codename
        )

    return get


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    get = permissions(apps)
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=get(codename)
            )


def reverse(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name__in=list(GRANTS),
        permission__content_type__app_label__in=list(APP_OF.values()),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
        ("editorial", "0001_editorial_roles"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
