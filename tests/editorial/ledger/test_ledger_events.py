"""Every editorial event appends exactly one ledger entry, with the facts copied at that moment."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from editorial import roles
from editorial.ledger import hashing, record
from editorial.models import LedgerEntry, StaffProfile
from tests import factories
from tests.editorial.ledger.conftest import act


def new_entries(since):
    return list(LedgerEntry.objects.filter(seq__gt=since).order_by("seq"))


def head():
    return LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@pytest.fixture
def draft(news_section, staff):
    reporter, _editor, _chief = staff
    article = factories.make_article(news_section, "Kế hoạch tiêm chủng", live=False)
    article.save_revision(user=reporter)
    return article


def test_submission_is_one_entry_with_actor_page_section_revision_and_hash(
    draft, staff, review_workflow
):
    reporter, _editor, _chief = staff
    StaffProfile.objects.create(user=reporter, title="Phóng viên chính")
    before = head()
    review_workflow.start(draft, reporter)
    [entry] = new_entries(before)
    revision = draft.get_latest_revision()
    assert entry.action == "wagtail.workflow.start"
    assert (entry.actor_id, entry.actor_username) == (reporter.pk, "pv")
    assert entry.actor_full_name == "Pv Test"
    assert entry.actor_roles == roles.REPORTERS
    assert entry.actor_title == "Phóng viên chính"
    assert (entry.page_id, entry.page_title) == (draft.pk, "Kế hoạch tiêm chủng")
    assert entry.page_url_path == Page.objects.get(pk=draft.pk).url_path
    assert entry.section_title == "Tin tức - Sự kiện"
    assert entry.source_type == "original"
    assert entry.revision_id == revision.pk
    assert entry.content_sha256 == hashing.revision_sha256(revision)
    assert entry.stage == "Biên tập"
    assert entry.created_at <= timezone.now()


def test_each_approval_stage_and_the_publication_are_one_entry_each(draft, staff, review_workflow):
    reporter, editor, chief = staff
    review_workflow.start(draft, reporter)
    before = head()
    act(draft, editor, "approve", "Đạt, chuyển trưởng ban")
    act(draft, chief, "approve", "Đồng ý đăng")
    entries = new_entries(before)
    assert [e.action for e in entries] == [
        "wagtail.workflow.approve",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ]
    first, second, published = entries
    assert (first.actor_username, first.stage, first.comment) == (
        "btv",
        "Biên tập",
        "Đạt, chuyển trưởng ban",
    )
    assert (second.actor_username, second.stage, second.comment) == (
        "tb",
        "Trưởng ban ký duyệt",
        "Đồng ý đăng",
    )
    assert second.actor_roles == roles.CHIEF_EDITORS
    assert published.actor_username == "tb"
    assert published.revision_id == second.revision_id
    assert published.content_sha256 == second.content_sha256 != ""


def test_request_changes_resubmit_and_cancel_are_one_entry_each(draft, staff, review_workflow):
    reporter, editor, _chief = staff
    review_workflow.start(draft, reporter)
    before = head()
    act(draft, editor, "reject", "Thiếu nguồn")
    draft.current_workflow_state.resume(user=reporter)
    draft.refresh_from_db()
    draft.current_workflow_state.cancel(user=editor)
    entries = new_entries(before)
    assert [(e.action, e.actor_username) for e in entries] == [
        ("wagtail.workflow.reject", "btv"),
        ("wagtail.workflow.resume", "pv"),
        ("wagtail.workflow.cancel", "btv"),
    ]
    assert entries[0].comment == "Thiếu nguồn"
    assert entries[0].stage == "Biên tập"


def test_unpublish_revert_copy_move_and_delete_are_one_entry_each(news_section, staff):
    _reporter, editor, chief = staff
    other_section = factories.make_section(news_section.get_parent(), "Thông báo")
    article = factories.make_article(news_section, "Thông báo lịch cắt điện")
    first_revision = article.live_revision

    before = head()
    article.unpublish(user=editor)
    assert [(e.action, e.actor_username) for e in new_entries(before)] == [
        ("wagtail.unpublish", "btv")
    ]

    before = head()
    article.save_revision(user=chief, previous_revision=first_revision, log_action=True)
    [revert] = new_entries(before)
    assert revert.action == "wagtail.revert"

    before = head()
    copy = article.copy(update_attrs={"slug": "ban-sao"}, user=chief)
    [copied] = new_entries(before)
    assert (copied.action, copied.page_id) == ("wagtail.copy", copy.pk)

    before = head()
    Page.objects.get(pk=article.pk).move(other_section, pos="last-child", user=chief)
    [moved] = new_entries(before)
    assert (moved.action, moved.section_title) == ("wagtail.move", "Thông báo")

    before = head()
    DeletePageAction(Page.objects.get(pk=copy.pk), user=chief).execute()
    [deleted] = new_entries(before)
    assert (deleted.action, deleted.page_id, deleted.page_title) == (
        "wagtail.delete",
        copy.pk,
        copy.title,
    )


def test_scheduled_publication_records_the_person_who_approved_it(news_section, staff):
    _reporter, _editor, chief = staff
    article = factories.make_article(news_section, "Lịch tiếp công dân", live=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    revision = article.save_revision(user=chief, approved_go_live_at=article.go_live_at)
    before = head()
    revision.publish(user=chief)
    [scheduled] = new_entries(before)
    assert (scheduled.action, scheduled.actor_username) == ("wagtail.publish.schedule", "tb")

    # The hour has passed.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    before = head()
    call_command("publish_scheduled")
    [published] = new_entries(before)
    assert published.action == "wagtail.publish.scheduled"
    assert published.actor_id is None
    assert published.revision_id == revision.pk
    assert published.extra["approved_by"]["username"] == "tb"
    assert published.extra["approved_by"]["roles"] == roles.CHIEF_EDITORS


@pytest.fixture
def portal_actions():
    """The review workflow's namespaced actions, registered as its wagtail_hooks will."""

    def register(actions):
        actions.register_action("portal.review.signoff", "Ký duyệt", "Đã ký duyệt")
        actions.register_action("portal.review.verify_source", "Xác minh", "Đã xác minh")

    with hooks.register_temporarily("register_log_actions", register):
        log_registry.has_scanned_for_actions = False
        yield
    log_registry.has_scanned_for_actions = False


def test_namespaced_review_action_takes_stage_comment_and_hash_from_log_data(
    news_section, staff, portal_actions
):
    _reporter, _editor, chief = staff
    article = factories.make_article(news_section, "Bài cần ký", live=False)
    revision = article.save_revision(user=chief)
    before = head()
    log(
        article,
        "portal.review.signoff",
        user=chief,
        revision=revision,
        data={"stage": "Ký duyệt", "comment": "Ký", "content_sha256": "ab" * 32},
    )
    [entry] = new_entries(before)
    assert (entry.action, entry.stage, entry.comment) == ("portal.review.signoff", "Ký duyệt", "Ký")
    assert entry.content_sha256 == "ab" * 32
    assert entry.revision_id == revision.pk


def test_verification_logged_on_a_non_page_record_names_the_article(
    news_section, staff, portal_actions
):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Tin từ mạng xã hội", live=False)
    group = Group.objects.get(name=roles.EDITORS)  # any model instance stands for the record
    before = head()
    log(
        group,
        "portal.review.verify_source",
        user=editor,
        data={"page_id": article.pk, "comment": "Đã gọi điện xác minh"},
    )
    [entry] = new_entries(before)
    assert entry.action == "portal.review.verify_source"
    assert (entry.page_id, entry.object_type) == (article.pk, "auth.group")
    assert entry.comment == "Đã gọi điện xác minh"


def test_direct_record_api_appends_one_entry(news_section, staff):
    _reporter, editor, _chief = staff
    article = factories.make_article(news_section, "Bài", live=False)
    before = head()
    entry = record(
        "portal.review.verify_source", actor=editor, page=article, comment="Nguồn xác thực"
    )
    assert new_entries(before) == [entry]
    assert entry.actor_roles == roles.EDITORS


def test_group_membership_changes_are_recorded_per_person_and_group(db):
    user = factories.make_user("moi")
    editors = Group.objects.get(name=roles.EDITORS)
    chiefs = Group.objects.get(name=roles.CHIEF_EDITORS)
    before = head()
    user.groups.add(editors, chiefs)
    user.groups.remove(editors)
    chiefs.user_set.clear()
    entries = new_entries(before)
    assert [(e.action, e.object_repr, e.extra["member"]["username"]) for e in entries] == [
        ("portal.access.member_add", roles.EDITORS, "moi"),
        ("portal.access.member_add", roles.CHIEF_EDITORS, "moi"),
        ("portal.access.member_remove", roles.EDITORS, "moi"),
        ("portal.access.member_remove", roles.CHIEF_EDITORS, "moi"),
    ]


def test_section_permission_and_workflow_assignment_changes_are_recorded(
    news_section, review_workflow
):
    editors = Group.objects.get(name=roles.EDITORS)
    before = head()
    permission = GroupPagePermission.objects.create(
        group=editors, page=news_section, permission_type="publish"
    )
    permission.delete()
    WorkflowPage.objects.get(page=news_section).delete()
    entries = new_entries(before)
    assert [(e.action, e.page_id) for e in entries] == [
        ("portal.access.permission_add", news_section.pk),
        ("portal.access.permission_remove", news_section.pk),
        ("portal.access.workflow_unassign", news_section.pk),
    ]
    assert entries[0].extra == {
        "group": {"id": editors.pk, "name": roles.EDITORS},
        "permission": "publish_page",
    }
    assert entries[2].extra["workflow"]["name"] == "Duyệt tin bài"


def test_edits_and_creations_are_not_ledger_events(news_section, staff):
    reporter, _editor, _chief = staff
    before = head()
    article = factories.make_article(news_section, "Nháp", live=False)
    article.save_revision(user=reporter, log_action=True)
    assert new_entries(before) == []


def test_admin_unpublish_records_ip_and_user_agent_of_the_request(client, news_section):
    admin = factories.make_user("quantri", roles.ADMINISTRATORS, superuser=True)
    article = factories.make_article(news_section, "Bài gỡ qua admin")
    client.force_login(admin)
    before = head()
    response = client.post(
        f"/admin/pages/{article.pk}/unpublish/",
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Trình duyệt kiểm thử/1.0",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert response.status_code == 302
    [entry] = new_entries(before)
    assert entry.action == "wagtail.unpublish"
    # No trusted proxy configured: X-Forwarded-For is ignored.
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.7", "Trình duyệt kiểm thử/1.0")
    assert entry.actor_username == "quantri"


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(client, news_section, settings):
    settings.EDITORIAL_LEDGER_TRUSTED_PROXIES = ["10.0.0.2"]
    admin = factories.make_user("quantri", roles.ADMINISTRATORS, superuser=True)
    article = factories.make_article(news_section, "Bài gỡ qua proxy")
    client.force_login(admin)
    before = head()
    client.post(
        f"/admin/pages/{article.pk}/unpublish/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="not-an-ip, 198.51.100.1, 10.0.0.2",
    )
    [entry] = new_entries(before)
    assert entry.ip_address == "198.51.100.1"
