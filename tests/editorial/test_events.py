"""One editorial event per review step, for the ledger to subscribe to; and the page history."""

import pytest
from wagtail.models import PageLogEntry

from editorial.signals import editorial_event
from tests import factories
from tests.editorial.helpers import act, submit


@pytest.fixture
def events():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    editorial_event.connect(receiver, dispatch_uid="test-events")
    yield received
    editorial_event.disconnect(dispatch_uid="test-events")


def test_review_steps_emit_one_event_each_with_actor_stage_and_content_hash(
    events, news_section, staff
):
    page = factories.make_article(news_section, "Sự kiện", live=False)
    submit(page, staff["reporter"])
    act(page, staff["editor"], "approve", comment="Tốt")
    act(page, staff["chief"], "approve")
    events = [e for e in events if e["page"].pk == page.pk]
    actions = [e["action"] for e in events]
    assert actions == ["submit", "approve", "sign_off", "publish"]
    approve = events[1]
    assert approve["actor"] == staff["editor"]
    assert approve["comment"] == "Tốt"
    assert approve["stage"].name == "Biên tập viên duyệt"
    assert len(approve["content_hash"]) == 64
    assert events[2]["content_hash"] == approve["content_hash"] == events[3]["content_hash"]


def test_review_events_appear_in_the_page_history(news_section, staff):
    page = factories.make_article(news_section, "Lịch sử", live=False)
    submit(page, staff["reporter"])
    act(page, staff["editor"], "request_changes", comment="Sửa tít")
    entry = PageLogEntry.objects.get(page=page, action="portal.review.request_changes")
    assert entry.user == staff["editor"]
    assert entry.data["comment"] == "Sửa tít"


def test_reverting_in_the_admin_emits_a_revert_event(client, events, news_section, staff):
    from django.urls import reverse

    from tests.editorial.admin import article_data

    page = factories.make_article(news_section, "Bản gốc")
    old = page.live_revision
    client.force_login(staff["editor"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
    response = client.post(url, article_data(old.as_object()))
    assert response.status_code == 302
    reverts = [e for e in events if e["action"] == "revert"]
    assert len(reverts) == 1
    assert reverts[0]["actor"] == staff["editor"]
    assert reverts[0]["extra"]["reverted_to"] == old.pk


@pytest.mark.parametrize(
    ("action", "wagtail_action"), [("approve", "approve"), ("request_changes", "reject")]
)
def test_wagtails_own_log_entry_of_a_review_step_is_the_one_wagtail_would_write(
    news_section, staff, action, wagtail_action
):
    """The review actions write Wagtail's ``wagtail.workflow.*`` entry from the page they have
    already read (``editorial.actions.base.log_task_state_change``): same label, page, revision
    and data as Wagtail's own method writes."""
    from wagtail.models import TaskState

    from tests.editorial.helpers import current_task_state

    page = factories.make_article(news_section, "Nhật ký Wagtail", live=False)
    submit(page, staff["reporter"])
    page.title = page.draft_title = "Tiêu đề đã sửa"
    page.save_revision(user=staff["reporter"])  # review restarts on the new content
    task_state = current_task_state(page)
    act(page, staff["editor"], action, comment="Nhận xét")
    ours = PageLogEntry.objects.filter(page=page, action=f"wagtail.workflow.{wagtail_action}")
    ours = ours.latest("pk")

    task_state = TaskState.objects.get(pk=task_state.pk)
    TaskState.log_state_change_action(task_state, staff["editor"], wagtail_action)
    wagtails = PageLogEntry.objects.filter(page=page).latest("pk")

    assert wagtails.pk != ours.pk
    for field in ("action", "label", "page_id", "revision_id", "content_type_id", "user_id"):
        assert getattr(ours, field) == getattr(wagtails, field), field
    assert ours.data == wagtails.data
