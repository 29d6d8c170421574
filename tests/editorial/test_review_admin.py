"""The whole review in the real admin views: submit, request changes, resubmit, approve, sign
off, live (and scheduled); refusals shown as messages; the queue; takedown; e-mails."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from cms.models import ArticlePage
from tests import factories
from tests.editorial.admin import article_data, edit_url, messages_of
from tests.editorial.helpers import current_task_state, reload, submit


def workflow_action(client, user, page, action, comment=""):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    client.force_login(user)
    return client.post(
        url, {"comment": comment}, follow=True, HTTP_REFERER=f"http://testserver{edit_url(page)}"
    )


def create_and_submit(client, reporter, section, **fields):
    client.force_login(reporter)
    url = reverse("wagtailadmin_pages:add", args=("cms", "articlepage", section.pk))
    template = ArticlePage(
        title="Phường tổ chức ngày hội việc làm",
        slug="ngay-hoi-viec-lam",
        lead="Hơn 500 chỉ tiêu tuyển dụng.",
        source_type="original",
        source_name="",
        source_url="",
    )
    data = {**article_data(template, **fields), "action-submit": "1"}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return ArticlePage.objects.get(slug="ngay-hoi-viec-lam")


def test_full_review_in_the_admin_submit_request_changes_resubmit_approve_sign_off_live(
    client, news_section, reporter, editor, chief
):
    page = create_and_submit(client, reporter, news_section)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    response = workflow_action(client, editor, page, "request_changes", "Bổ sung số điện thoại")
    assert response.status_code == 200
    assert reload(page).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The reporter sees the comment in the admin.
    client.force_login(reporter)
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    detail_url = reverse(
        "wagtailadmin_pages:workflow_history_detail",
        args=[page.pk, reload(page).current_workflow_state.pk],
    )
    assert history.status_code == 200
    assert "Bổ sung số điện thoại" in client.get(detail_url).text

    data = {
        **article_data(reload(page), lead="Hơn 500 chỉ tiêu. Liên hệ: 024 1234 5678."),
        "action-submit": "1",
    }
    response = client.post(edit_url(page), data, follow=True)
    assert response.status_code == 200
    assert reload(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    workflow_action(client, editor, page, "approve")
    assert not reload(page).live
    response = workflow_action(client, chief, page, "approve", "Đồng ý đăng")
    page = reload(page)
    assert page.live
    assert page.lead == "Hơn 500 chỉ tiêu. Liên hệ: 024 1234 5678."
    assert client.get(page.url).status_code == 200


def test_scheduled_article_goes_live_at_its_time_after_sign_off(
    client, news_section, reporter, editor, chief
):
    go_live_at = timezone.localtime() + timedelta(hours=1)
    page = create_and_submit(
        client, reporter, news_section, go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M:%S")
    )
    workflow_action(client, editor, page, "approve")
    workflow_action(client, chief, page, "approve")
    page = reload(page)
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert not reload(page).live  # not yet its time
    pass_the_time(revision)
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert reload(page).live


def pass_the_time(revision):
    """The clock passes the scheduled time: both the schedule and the revision's go-live time
    (not part of the reviewed content) are now in the past."""
    past = timezone.now() - timedelta(seconds=1)
    content = {**revision.content, "go_live_at": past.isoformat()}
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)


def test_self_approval_in_the_admin_is_refused_with_a_message(client, news_section, superuser):
    page = factories.make_article(news_section, "Tự duyệt", live=False)
    submit(page, superuser)
    response = workflow_action(client, superuser, page, "approve")
    assert any("chính bạn" in m for m in messages_of(response))
    assert current_task_state(page).status == "in_progress"
    assert not reload(page).live


def test_request_changes_without_comment_is_refused_with_a_message(
    client, news_section, reporter, editor
):
    page = factories.make_article(news_section, "Thiếu nhận xét", live=False)
    submit(page, reporter)
    response = workflow_action(client, editor, page, "request_changes", "")
    assert any("nhận xét" in m for m in messages_of(response))
    assert reload(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_social_source_without_verification_is_refused_in_the_admin(
    client, news_section, reporter, editor
):
    page = factories.make_article(
        news_section,
        "Tin từ mạng xã hội",
        live=False,
        source_type="social_network",
        source_url="https://facebook.com/p/1",
    )
    submit(page, reporter)
    response = workflow_action(client, editor, page, "approve")
    assert any("mạng xã hội" in m for m in messages_of(response))
    assert current_task_state(page).task.name == "Biên tập viên duyệt"


def test_editor_records_a_verification_in_the_admin(client, news_section, reporter, editor):
    from editorial.models import SourceVerification

    page = factories.make_article(
        news_section,
        "Tin MXH",
        live=False,
        source_type="social_network",
        source_url="https://facebook.com/p/2",
    )
    client.force_login(editor)
    url = reverse("wagtailsnippets_editorial_sourceverification:add")
    data = {
        "page": str(page.pk),
        "original_post_url": "https://facebook.com/p/2",
        "note": "Đã xác minh với UBND phường qua điện thoại.",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "2",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-url": "https://baochinhphu.vn/a",
        "sources-0-description": "",
        "sources-0-ORDER": "1",
        "sources-1-url": "https://hanoimoi.vn/b",
        "sources-1-description": "",
        "sources-1-ORDER": "2",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    verification = SourceVerification.objects.get(page=page)
    assert verification.verified_by == editor
    assert verification.is_complete()


def test_verification_with_sources_on_one_site_is_refused_by_the_form(client, news_section, editor):
    from editorial.models import SourceVerification

    page = factories.make_article(news_section, "Tin MXH", live=False)
    client.force_login(editor)
    url = reverse("wagtailsnippets_editorial_sourceverification:add")
    data = {
        "page": str(page.pk),
        "original_post_url": "https://facebook.com/p/2",
        "note": "Ghi chú",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "2",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-url": "https://facebook.com/other",
        "sources-0-ORDER": "1",
        "sources-1-url": "https://baochinhphu.vn/b",
        "sources-1-ORDER": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert not SourceVerification.objects.exists()


def test_review_queue_shows_what_waits_for_the_reviewer_oldest_first(
    client, news_section, reporter, editor, chief
):
    first = factories.make_article(
        news_section,
        "Bài gửi trước",
        live=False,
        source_type="social_network",
        source_url="https://facebook.com/p/3",
    )
    second = factories.make_article(news_section, "Bài gửi sau", live=False)
    submit(first, reporter)
    submit(second, reporter)
    client.force_login(editor)
    text = client.get(reverse("wagtailadmin_home")).text
    assert "Chờ bạn duyệt" in text
    assert text.index("Bài gửi trước") < text.index("Bài gửi sau")
    assert "Social network post" in text or "mạng xã hội" in text.lower()
    client.force_login(chief)
    chief_text = client.get(reverse("wagtailadmin_home")).text
    assert "Không có gì đang chờ bạn duyệt" in chief_text


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_editor_and_chief_take_a_live_article_down_at_once_with_a_reason(
    client, news_section, staff, role
):
    article = factories.make_article(news_section, "Tin cần gỡ")
    client.force_login(staff[role])
    url = reverse("wagtailadmin_pages:unpublish", args=[article.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert reload(article).live
    response = client.post(url, {"reason": "Thông tin chưa chính xác"}, follow=True)
    assert not reload(article).live
    assert any("Đã gỡ" in m for m in messages_of(response))
    from editorial.models import Takedown

    assert Takedown.objects.get(page=article).reason == "Thông tin chưa chính xác"


def test_reporter_cannot_take_an_article_down(client, news_section, reporter):
    article = factories.make_article(news_section, "Tin đang đăng")
    client.force_login(reporter)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]), {"reason": "Muốn gỡ"})
    assert reload(article).live


def test_bulk_unpublish_is_refused_because_each_takedown_needs_a_reason(
    client, news_section, editor
):
    article = factories.make_article(news_section, "Tin đang đăng")
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    response = client.post(f"{url}?id={article.pk}", follow=True)
    assert reload(article).live
    assert any("lý do" in m for m in messages_of(response))


def test_reviewers_and_author_get_e_mails(
    news_section, reporter, editor, chief, django_capture_on_commit_callbacks
):
    from tests.editorial.helpers import act

    page = factories.make_article(news_section, "Thông báo lịch tiếp dân", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(page, reporter)
    # Only editorial's e-mails (Wagtail's own workflow e-mails are switched off).
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Chờ bạn duyệt" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(page, editor, "request_changes", "Ghi rõ địa điểm")
    sent = list(mail.outbox)
    assert [m.to for m in sent] == [[reporter.email]]
    assert "Yêu cầu chỉnh sửa" in sent[0].subject
    assert "Ghi rõ địa điểm" in sent[0].body


class BrokenMailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_failure_never_blocks_a_review(
    settings, news_section, reporter, editor, chief, django_capture_on_commit_callbacks, caplog
):
    from tests.editorial.helpers import act

    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailBackend"}}
    page = factories.make_article(news_section, "Thông báo", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(page, reporter)
        act(page, editor, "approve")
        act(page, chief, "approve")
    assert reload(page).live
    assert "could not be sent" in caplog.text  # the broken mailer was really used


@pytest.mark.parametrize("role", ["editor", "chief", "superuser"])
def test_editor_shows_no_publish_button_only_submit_for_review(client, news_section, staff, role):
    from tests import factories as f

    user = staff.get(role) or f.make_user("root", superuser=True)
    page = factories.make_article(news_section, "Bản nháp", live=False)
    page.save_revision(user=staff["reporter"])
    client.force_login(user)
    text = client.get(edit_url(page)).text
    assert 'name="action-publish"' not in text
    assert 'name="action-submit"' in text
