"""Every public part of the tree has a review workflow (system checks); sections may have
their own reviewers."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from editorial import exceptions, roles, system_checks
from editorial.models import ChiefSignOffTask, EditorReviewTask
from tests import factories
from tests.editorial.helpers import act, reload, submit


def error_ids(errors):
    return sorted({e.id for e in errors})


def test_default_workflow_covers_home_and_every_section(news_section):
    factories.make_section(news_section, "Chuyên mục con")
    assert system_checks.workflow_errors() == []


def test_page_tree_without_review_workflow_fails_the_check(news_section):
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).delete()
    errors = system_checks.workflow_errors()
    assert error_ids(errors) == ["editorial.E001"]
    assert {e.obj.pk for e in errors} >= {news_section.pk, news_section.get_parent().pk}


def test_section_workflow_with_a_stage_that_is_not_a_review_task_fails_the_check(news_section):
    workflow = Workflow.objects.create(name="Quy trình cũ")
    task = GroupApprovalTask.objects.create(name="Duyệt nhóm")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=news_section, workflow=workflow)
    assert error_ids(system_checks.workflow_errors()) == ["editorial.E002"]


def test_settings_that_would_let_publishing_skip_review_fail_the_check(settings):
    settings.WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
    assert error_ids(system_checks.check_settings()) == ["editorial.E003"]
    settings.WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = False
    assert system_checks.check_settings() == []
    settings.WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"
    assert error_ids(system_checks.check_settings()) == ["editorial.E004"]


@pytest.fixture
def ward_section(home):
    section = factories.make_section(home, "Phường Hàng Bạc")
    ward_editors = Group.objects.create(name="Biên tập viên phường Hàng Bạc")
    editor_task = EditorReviewTask.objects.create(name="BTV phường duyệt")
    editor_task.groups.set([ward_editors])
    chief_task = ChiefSignOffTask.objects.create(name="Trưởng ban ký duyệt")
    chief_task.groups.set([Group.objects.get(name=roles.CHIEF_EDITORS)])
    workflow = Workflow.objects.create(name="Duyệt tin phường Hàng Bạc")
    WorkflowTask.objects.create(workflow=workflow, task=editor_task, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=chief_task, sort_order=1)
    WorkflowPage.objects.create(page=section, workflow=workflow)
    return section


def test_a_section_is_reviewed_by_its_own_editors(ward_section, staff):
    ward_editor = factories.make_user("btv-hangbac", "Biên tập viên phường Hàng Bạc")
    # The section's group says which articles they review; the review policy still needs an
    # editor by role (issue 15): the ward's editors are members of the editors' role too.
    ward_editor.groups.add(Group.objects.get(name=roles.EDITORS))
    article = factories.make_article(ward_section, "Tin phường", live=False)
    submit(article, staff["reporter"])
    with pytest.raises(exceptions.NotAReviewerError):
        act(article, staff["editor"], "approve")
    act(article, ward_editor, "approve")
    act(article, staff["chief"], "approve")
    assert reload(article).live
    assert system_checks.workflow_errors() == []
