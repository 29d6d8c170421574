"""The default review workflow, assigned to the tree's root so the home page and every section
are covered: editor review (Biên tập viên) then chief editor sign-off (Trưởng ban biên tập).

Wagtail's own "Moderators approval" workflow is deactivated (its task lets submitters approve
their own work). Editors and chief editors may record source verifications.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Trưởng ban biên tập"
WORKFLOW_NAME = "Kiểm chứng trước, xuất bản sau"
EDITOR_TASK_NAME = "Biên tập viên duyệt"
CHIEF_TASK_NAME = "Trưởng ban biên tập ký duyệt"
VERIFICATION_PERMISSIONS = ["add_sourceverification", "change_sourceverification", "view_sourceverification"]


def forward(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    EditorReviewTask = apps.get_model("editorial", "EditorReviewTask")
    ChiefSignOffTask = apps.get_model("editorial", "ChiefSignOffTask")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    chiefs, _ = Group.objects.get_or_create(name=CHIEF_EDITORS)

    editor_ct, _ = ContentType.objects.get_or_create(app_label="editorial", model="editorreviewtask")
    chief_ct, _ = ContentType.objects.get_or_create(app_label="editorial", model="chiefsignofftask")
    editor_task = EditorReviewTask.objects.create(name=EDITOR_TASK_NAME, content_type=editor_ct)
    editor_task.groups.set([editors])
    chief_task = ChiefSignOffTask.objects.create(name=CHIEF_TASK_NAME, content_type=chief_ct)
    chief_task.groups.set([chiefs])

    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task_id=editor_task.pk, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task_id=chief_task.pk, sort_order=1)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.exclude(workflow=workflow).filter(workflow__active=False).delete()

    for group in (editors, chiefs):
        for codename in VERIFICATION_PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="editorial", codename=codename)
            )


def reverse(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("editorial", "EditorReviewTask").objects.filter(name=EDITOR_TASK_NAME).delete()
    apps.get_model("editorial", "ChiefSignOffTask").objects.filter(name=CHIEF_TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_review"),
        ("wagtailcore", "__latest__"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
