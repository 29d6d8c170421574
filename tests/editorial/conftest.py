"""Fixtures of the ledger tests: a two-stage review workflow on the news section."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from editorial import roles
from tests import factories


@pytest.fixture
def review_workflow(news_section):
    workflow = Workflow.objects.create(name="Duyệt tin bài")
    for order, (name, role) in enumerate(
        [("Biên tập", roles.EDITORS), ("Trưởng ban ký duyệt", roles.CHIEF_EDITORS)]
    ):
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([Group.objects.get(name=role)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=news_section)
    return workflow


@pytest.fixture
def staff(db):
    return factories.staff()


def act(page, user, action, comment=""):
    """Take ``action`` on the page's current review task, as the admin's buttons do."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    page.refresh_from_db()
    return page
