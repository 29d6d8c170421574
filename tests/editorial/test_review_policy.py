"""The review policy holds at publication whatever the workflow rows say (issue 15, finding 1):
a sign-off stage removed, the reporters' group added to it, a one-stage workflow on a section,
a disabled stage, or a clearance written from code without the stages that produced it. Each
of these used to let a reporter's article go live after one editor's approval."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from editorial import exceptions, roles
from editorial.content import revision_content_hash
from editorial.models import ChiefSignOffTask, EditorReviewTask, PublicationClearance
from editorial.rules import review_policy_failures
from tests import factories
from tests.editorial.admin import edit_url, messages_of
from tests.editorial.helpers import act, current_task_state, reload, submit


def sign_off_task():
    return ChiefSignOffTask.objects.get()


def test_sign_off_stage_removed_the_editors_approval_publishes_nothing(draft, reporter, editor):
    workflow = draft.get_workflow()
    WorkflowTask.objects.filter(workflow=workflow, task=sign_off_task()).delete()
    submit(draft, reporter)
    with pytest.raises(exceptions.ReviewPolicyError):
        act(draft, editor, "approve")
    assert not reload(draft).live
    assert not PublicationClearance.objects.filter(page=draft).exists()


def test_reporters_group_on_the_sign_off_stage_cannot_sign_off(draft, reporter, editor):
    sign_off_task().groups.add(Group.objects.get(name=roles.REPORTERS))
    other_reporter = factories.make_user("pv2", roles.REPORTERS)
    submit(draft, reporter)
    act(draft, editor, "approve")
    with pytest.raises(exceptions.ReviewPolicyError):
        act(draft, other_reporter, "approve")
    assert not reload(draft).live


def test_one_stage_workflow_on_one_section_publishes_nothing(news_section, reporter, editor):
    one_stage = Workflow.objects.create(name="Một bước", active=True)
    WorkflowTask.objects.create(
        workflow=one_stage, task=EditorReviewTask.objects.get(), sort_order=0
    )
    WorkflowPage.objects.update_or_create(page=news_section, defaults={"workflow": one_stage})
    article = factories.make_article(news_section, "Tin một bước", live=False)
    article.save_revision(user=reporter)
    assert article.get_workflow() == one_stage
    submit(article, reporter)
    with pytest.raises(exceptions.ReviewPolicyError):
        act(article, editor, "approve")
    assert not reload(article).live


def test_disabled_sign_off_stage_is_refused_in_the_admin_with_a_vietnamese_message(
    client, draft, reporter, editor
):
    ChiefSignOffTask.objects.update(active=False)
    submit(draft, reporter)
    task_state = current_task_state(draft)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    with translation.override("vi"):
        response = client.post(
            url, {"comment": ""}, follow=True, HTTP_REFERER=f"http://testserver{edit_url(draft)}"
        )
    assert response.status_code == 200
    assert not reload(draft).live
    assert any("chính sách duyệt" in message for message in messages_of(response))


def test_chief_editor_approving_both_stages_is_refused_by_the_policy(draft, reporter, chief):
    """Two different people are needed: a second chief editor cannot stand in for the editor
    stage either, since the editor stage needs a member of the editors' role."""
    EditorReviewTask.objects.get().groups.add(Group.objects.get(name=roles.CHIEF_EDITORS))
    second_chief = factories.make_user("tb2", roles.CHIEF_EDITORS)
    submit(draft, reporter)
    act(draft, second_chief, "approve")
    with pytest.raises(exceptions.ReviewPolicyError):
        act(draft, chief, "approve")
    assert not reload(draft).live


def test_the_usual_review_records_its_stages_on_the_clearance(draft, reporter, editor, chief):
    submit(draft, reporter)
    act(draft, editor, "approve")
    act(draft, chief, "approve")
    assert reload(draft).live
    clearance = PublicationClearance.objects.get(page=draft)
    assert [(s["username"], s["roles"], s["kind"]) for s in clearance.stages] == [
        ("btv", [roles.EDITORS], "editor_review"),
        ("tb", [roles.CHIEF_EDITORS], "sign_off"),
    ]
    assert review_policy_failures(clearance.stages) == []


def test_guard_refuses_a_clearance_written_without_its_stages(draft):
    """Code that writes a clearance row of its own makes nothing live: the guard holds the
    recorded stages to the policy."""
    revision = draft.latest_revision
    PublicationClearance.objects.create(
        page=draft, revision=revision, content_hash=revision_content_hash(revision)
    )
    with pytest.raises(exceptions.UnreviewedPublishError):
        revision.publish()
    assert not reload(draft).live


@pytest.mark.parametrize(
    "stages",
    [
        [],
        [{"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"}],
        [
            {"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"},
            {"user_id": 1, "roles": [roles.CHIEF_EDITORS], "kind": "sign_off"},
        ],
        [
            {"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"},
            {"user_id": 2, "roles": [roles.EDITORS], "kind": "sign_off"},
        ],
        [
            {"user_id": 1, "roles": [], "kind": "editor_review"},
            {"user_id": 2, "roles": [roles.CHIEF_EDITORS], "kind": "sign_off"},
        ],
        [
            {"user_id": 2, "roles": [roles.CHIEF_EDITORS], "kind": "sign_off"},
            {"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"},
        ],
    ],
    ids=["none", "one-stage", "same-person", "sign-off-not-chief", "editor-not-editor", "order"],
)
def test_policy_refuses_stages_that_break_it(stages):
    failures = review_policy_failures(stages)
    assert failures
    assert isinstance(failures[0], exceptions.ReviewPolicyError)


def test_policy_refuses_the_submitter_as_approver():
    stages = [
        {"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"},
        {"user_id": 2, "roles": [roles.CHIEF_EDITORS], "kind": "sign_off"},
    ]
    assert review_policy_failures(stages) == []
    assert review_policy_failures(stages, authors={2})


def test_policy_needs_at_least_the_configured_stages(settings):
    stages = [
        {"user_id": 1, "roles": [roles.EDITORS], "kind": "editor_review"},
        {"user_id": 2, "roles": [roles.CHIEF_EDITORS], "kind": "sign_off"},
    ]
    settings.EDITORIAL_REVIEW_MIN_STAGES = 3
    assert review_policy_failures(stages)
    settings.EDITORIAL_REVIEW_MIN_STAGES = 1  # never fewer than two
    assert review_policy_failures(stages[:1])
