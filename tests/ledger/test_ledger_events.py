"""Every editorial event appends exactly one ledger entry, with the facts copied at that moment."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision, WorkflowPage

from cms.models import ArticlePage
from editorial import roles
from editorial.models import StaffProfile
from ledger import hashing, record
from ledger.models import LedgerEntry
from tests import factories
from tests.ledger.conftest import act


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


EDITOR_STAGE = "Biên tập viên duyệt"
CHIEF_STAGE = "Trưởng ban biên tập ký duyệt"


def test_review_workflow_has_the_two_stages_the_entries_name(review_workflow):
    assert [task.name for task in review_workflow.tasks.filter(active=True)] == [
        EDITOR_STAGE,
        CHIEF_STAGE,
    ]


def test_submission_is_one_entry_with_actor_page_section_revision_and_hash(
    draft, staff, review_workflow
):
    reporter, _editor, _chief = staff
    StaffProfile.objects.create(user=reporter, title="Phóng viên chính")
    before = head()
    review_workflow.start(draft, reporter)
    [entry] = new_entries(before)
    revision = draft.get_latest_revision()
    assert entry.action == "portal.review.submit"
    assert (entry.actor_id, entry.actor_username) == (reporter.pk, "pv")
    assert entry.actor_full_name == "Pv Test"
    assert entry.actor_roles == roles.REPORTERS
    assert entry.actor_title == "Phóng viên chính"
    assert (entry.page_id, entry.page_title) == (draft.pk, "Kế hoạch tiêm chủng")
    assert entry.page_type == "cms.articlepage"
    assert entry.page_url_path == Page.objects.get(pk=draft.pk).url_path
    assert entry.section_title == "Tin tức - Sự kiện"
    assert entry.source_type == "original"
    assert entry.revision_id == revision.pk
    assert entry.content_sha256 == hashing.revision_sha256(revision)
    # The stage the article was submitted to, and the hash that stage was pinned to.
    assert entry.stage == EDITOR_STAGE
    draft.refresh_from_db()
    assert entry.content_sha256 == draft.current_workflow_task_state.specific.content_hash
    assert entry.created_at <= timezone.now()
    # No request: no address, no user agent.
    assert (entry.ip_address, entry.user_agent) == ("", "")


def test_each_approval_stage_and_the_publication_are_one_entry_each(draft, staff, review_workflow):
    reporter, editor, chief = staff
    review_workflow.start(draft, reporter)
    before = head()
    act(draft, editor, "approve", "Đạt, chuyển trưởng ban")
    act(draft, chief, "approve", "Đồng ý đăng")
    entries = new_entries(before)
    assert [e.action for e in entries] == [
        "portal.review.approve",
        "portal.review.sign_off",
        "wagtail.publish",
    ]
    first, second, published = entries
    assert (first.actor_username, first.actor_roles, first.stage, first.comment) == (
        "btv",
        roles.EDITORS,
        EDITOR_STAGE,
        "Đạt, chuyển trưởng ban",
    )
    assert (second.actor_username, second.actor_roles, second.stage, second.comment) == (
        "tb",
        roles.CHIEF_EDITORS,
        CHIEF_STAGE,
        "Đồng ý đăng",
    )
    revision = draft.get_latest_revision()
    assert first.revision_id == second.revision_id == published.revision_id == revision.pk
    assert (
        first.content_sha256
        == second.content_sha256
        == published.content_sha256
        == hashing.revision_sha256(revision)
        != ""
    )
    assert (published.actor_username, published.stage, published.comment) == ("tb", "", "")
    assert {e.page_id for e in entries} == {draft.pk}
    assert {e.section_title for e in entries} == {"Tin tức - Sự kiện"}


def test_request_changes_resubmit_and_cancel_are_one_entry_each(draft, staff, review_workflow):
    reporter, editor, _chief = staff
    review_workflow.start(draft, reporter)
    before = head()
    act(draft, editor, "request_changes", "Thiếu nguồn")
    draft = draft.specific
    draft.lead = "Tóm tắt đã bổ sung nguồn"
    revised = draft.save_revision(user=reporter)
    draft.refresh_from_db()
    draft.current_workflow_state.resume(user=reporter)
    draft.refresh_from_db()
    draft.current_workflow_state.cancel(user=reporter)
    entries = new_entries(before)
    assert [(e.action, e.actor_username, e.stage) for e in entries] == [
        ("portal.review.request_changes", "btv", EDITOR_STAGE),
        ("wagtail.workflow.resume", "pv", EDITOR_STAGE),
        ("wagtail.workflow.cancel", "pv", EDITOR_STAGE),
    ]
    sent_back, resubmitted, _cancelled = entries
    assert sent_back.comment == "Thiếu nguồn"
    assert sent_back.revision_id != revised.pk
    # The resubmission is of the revised content.
    assert resubmitted.revision_id == revised.pk
    assert resubmitted.content_sha256 == hashing.revision_sha256(revised)


def test_rejection_is_one_entry_that_ends_the_review(draft, staff, review_workflow):
    reporter, editor, chief = staff
    review_workflow.start(draft, reporter)
    act(draft, editor, "approve")
    before = head()
    act(draft, chief, "reject", "Không phù hợp để đăng")
    [entry] = new_entries(before)
    assert (entry.action, entry.actor_username, entry.stage, entry.comment) == (
        "portal.review.reject",
        "tb",
        CHIEF_STAGE,
        "Không phù hợp để đăng",
    )
    assert entry.content_sha256 == hashing.revision_sha256(draft.get_latest_revision())
    draft.refresh_from_db()
    assert draft.current_workflow_state is None
    assert not draft.live


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
    reporter, editor, chief = staff
    article = factories.make_article(news_section, "Lịch tiếp công dân", live=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    before = head()
    factories.go_live(article)  # submitted, approved, signed off: scheduled, not live yet
    entries = new_entries(before)
    assert [(e.action, e.actor_username) for e in entries] == [
        ("portal.review.submit", "pv"),
        ("portal.review.approve", "btv"),
        ("portal.review.sign_off", "tb"),
        ("wagtail.publish.schedule", "tb"),
    ]
    sign_off, scheduled = entries[2], entries[3]
    article.refresh_from_db()
    assert not article.live
    revision = Revision.objects.get(pk=scheduled.revision_id)
    assert revision.approved_go_live_at is not None

    # The hour has passed (what readers see is unchanged: go_live_at is not content).
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=past)
    before = head()
    call_command("publish_scheduled", stdout=StringIO())
    [published] = new_entries(before)
    assert published.action == "wagtail.publish.scheduled"
    assert published.actor_id is None  # the system published it
    assert published.revision_id == revision.pk
    assert published.content_sha256 == sign_off.content_sha256 != ""
    approver = published.extra["approved_by"]
    assert (approver["id"], approver["username"], approver["full_name"]) == (
        chief.pk,
        "tb",
        "Tb Test",
    )
    assert approver["roles"] == roles.CHIEF_EDITORS
    assert approver["seq"] in (sign_off.seq, scheduled.seq)
    article.refresh_from_db()
    assert article.live
    assert (article.approved_by_role, article.approved_by_name) == (roles.CHIEF_EDITORS, "Tb Test")


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
    # The section inherits the review workflow; giving it its own assignment, then removing it.
    WorkflowPage.objects.create(page=news_section, workflow=review_workflow)
    WorkflowPage.objects.get(page=news_section).delete()
    entries = new_entries(before)
    assert [(e.action, e.page_id) for e in entries] == [
        ("portal.access.permission_add", news_section.pk),
        ("portal.access.permission_remove", news_section.pk),
        ("portal.access.workflow_assign", news_section.pk),
        ("portal.access.workflow_unassign", news_section.pk),
    ]
    # Made from code, outside any request: the system acted, from nowhere.
    assert {(e.actor_id, e.ip_address) for e in entries} == {(None, "")}
    assert {e.section_title for e in entries} == {"Tin tức - Sự kiện"}
    assert entries[0].extra == {
        "group": {"id": editors.pk, "name": roles.EDITORS},
        "permission": "publish_page",
    }
    assert entries[1].extra["permission"] == "publish_page"
    assert entries[2].extra["workflow"] == {"id": review_workflow.pk, "name": review_workflow.name}
    assert entries[3].extra["workflow"] == {"id": review_workflow.pk, "name": review_workflow.name}
    assert (entries[2].object_type, entries[2].object_id) == (
        "wagtailcore.workflow",
        str(review_workflow.pk),
    )


MANAGEMENT_FIELD = r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d+)"'


def _management_forms(html):
    """Every formset's management fields on an admin form, as the browser would send them."""
    return dict(re.findall(MANAGEMENT_FIELD, html))


def test_group_permissions_edited_in_the_admin_are_recorded(client, news_section):
    admin = factories.make_user("quantri", roles.ADMINISTRATORS, superuser=True)
    group = Group.objects.create(name="Cộng tác viên")
    client.force_login(admin)
    url = f"/admin/groups/edit/{group.pk}/"
    data = _management_forms(client.get(url).text)
    assert data["page_permissions-TOTAL_FORMS"] == "0"
    data.update(
        {
            "name": "Cộng tác viên",
            "page_permissions-TOTAL_FORMS": "1",
            "page_permissions-0-page": str(news_section.pk),
            "page_permissions-0-permissions": ["add_page", "change_page"],
        }
    )
    before = head()
    response = client.post(
        url, data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Trình duyệt quản trị"
    )
    assert response.status_code == 302, response.content[:2000]
    # A superuser's change applies at once (break-glass), recorded as such after the grants.
    *entries, break_glass = new_entries(before)
    assert (break_glass.action, break_glass.actor_username) == (
        "portal.governance.break_glass",
        "quantri",
    )
    assert sorted((e.action, e.extra["permission"]) for e in entries) == [
        ("portal.access.permission_add", "add_page"),
        ("portal.access.permission_add", "change_page"),
    ]
    for entry in entries:
        assert (entry.actor_username, entry.page_id) == ("quantri", news_section.pk)
        assert entry.extra["group"] == {"id": group.pk, "name": "Cộng tác viên"}
        assert (entry.ip_address, entry.user_agent) == ("203.0.113.9", "Trình duyệt quản trị")

    # Taking one permission back: one entry, nothing recorded again.
    data = _management_forms(client.get(url).text)
    data.update(
        {
            "name": "Cộng tác viên",
            "page_permissions-0-page": str(news_section.pk),
            "page_permissions-0-permissions": ["add_page"],
        }
    )
    before = head()
    assert client.post(url, data, REMOTE_ADDR="203.0.113.9").status_code == 302
    [revoked, _break_glass] = new_entries(before)
    assert (revoked.action, revoked.extra["permission"], revoked.actor_username) == (
        "portal.access.permission_remove",
        "change_page",
        "quantri",
    )


def test_edits_and_creations_are_not_ledger_events(news_section, staff):
    reporter, _editor, _chief = staff
    before = head()
    article = factories.make_article(news_section, "Nháp", live=False)
    article.save_revision(user=reporter, log_action=True)
    assert new_entries(before) == []


def _take_down_in_the_admin(client, page, **meta):
    return client.post(
        f"/admin/pages/{page.pk}/unpublish/", {"reason": "Thông tin chưa chính xác"}, **meta
    )


def test_admin_unpublish_records_ip_and_user_agent_of_the_request(client, news_section):
    admin = factories.make_user("quantri", roles.ADMINISTRATORS, superuser=True)
    article = factories.make_article(news_section, "Bài gỡ qua admin")
    client.force_login(admin)
    before = head()
    response = _take_down_in_the_admin(
        client,
        article,
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Trình duyệt kiểm thử/1.0",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert response.status_code == 302
    [entry] = new_entries(before)
    assert entry.action == "portal.review.takedown"
    # No trusted proxy configured: X-Forwarded-For is ignored.
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.7", "Trình duyệt kiểm thử/1.0")
    assert (entry.actor_username, entry.page_id) == ("quantri", article.pk)


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(client, news_section, settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]
    admin = factories.make_user("quantri", roles.ADMINISTRATORS, superuser=True)
    first = factories.make_article(news_section, "Bài gỡ qua proxy")
    second = factories.make_article(news_section, "Bài gỡ không qua proxy")
    client.force_login(admin)

    before = head()
    _take_down_in_the_admin(
        client,
        first,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="not-an-ip, 198.51.100.1, 10.0.0.2",
    )
    [entry] = new_entries(before)
    # Walking back from the trusted proxy: 10.0.0.2 is trusted, 198.51.100.1 is the client.
    assert (entry.action, entry.ip_address) == ("portal.review.takedown", "198.51.100.1")

    before = head()
    _take_down_in_the_admin(
        client, second, REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    [entry] = new_entries(before)
    # An untrusted peer may claim anything: its own address is recorded.
    assert entry.ip_address == "203.0.113.50"


def test_admin_takedown_is_one_entry_with_its_reason_and_the_version_taken_down(
    client, news_section, staff
):
    _reporter, _editor, chief = staff
    article = factories.make_article(news_section, "Bài sai sự thật")
    live_revision = article.live_revision
    client.force_login(chief)
    before = head()
    logged_before = PageLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    response = _take_down_in_the_admin(client, article, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302
    [entry] = new_entries(before)
    assert (entry.action, entry.actor_username, entry.actor_roles) == (
        "portal.review.takedown",
        "tb",
        roles.CHIEF_EDITORS,
    )
    assert entry.comment == "Thông tin chưa chính xác"
    assert entry.revision_id == live_revision.pk
    assert entry.content_sha256 == hashing.revision_sha256(live_revision)
    article.refresh_from_db()
    assert not article.live
    # The page's own history has the one event too.
    assert list(
        PageLogEntry.objects.filter(page=article, pk__gt=logged_before).values_list(
            "action", flat=True
        )
    ) == ["portal.review.takedown"]


def test_admin_takedown_without_a_reason_records_nothing(client, news_section, staff):
    _reporter, _editor, chief = staff
    article = factories.make_article(news_section, "Bài vẫn đăng")
    client.force_login(chief)
    before = head()
    response = client.post(f"/admin/pages/{article.pk}/unpublish/", {"reason": "  "})
    assert response.status_code == 200
    assert new_entries(before) == []
    article.refresh_from_db()
    assert article.live
