"""The editorial actions refuse what the rulebook refuses, for code exactly as for the admin,
and a refused action changes nothing."""

import pytest
from wagtail.models import Page

from editorial import exceptions, rules
from editorial.actions import RequestChanges, SubmitForReview, TakeDown
from editorial.models import Takedown
from tests import factories
from tests.editorial.helpers import current_task_state, submit


@pytest.fixture
def live_article(news_section):
    return factories.make_article(news_section, "Tin đang đăng")


def test_takedown_without_a_reason_is_refused_and_the_page_stays_live(live_article, editor):
    with pytest.raises(exceptions.TakedownReasonRequiredError):
        TakeDown(live_article, editor, "   ").execute()
    assert Page.objects.get(pk=live_article.pk).live
    assert not Takedown.objects.filter(page=live_article).exists()


def test_takedown_by_someone_who_may_not_unpublish_is_refused(live_article, reporter):
    with pytest.raises(exceptions.NoPermissionError):
        TakeDown(live_article, reporter, "Sai thông tin").execute()
    assert Page.objects.get(pk=live_article.pk).live


def test_takedown_of_a_page_that_is_not_live_is_refused(draft, editor):
    with pytest.raises(exceptions.NotLiveError):
        TakeDown(draft, editor, "Sai thông tin").execute()
    assert not Takedown.objects.filter(page=draft).exists()


def test_takedown_records_who_and_why_and_the_page_goes_offline(live_article, editor):
    TakeDown(live_article, editor, "  Thông tin sai sự thật ").execute()
    assert not Page.objects.get(pk=live_article.pk).live
    takedown = Takedown.objects.get(page=live_article)
    assert (takedown.user, takedown.reason) == (editor, "Thông tin sai sự thật")


def test_the_takedown_view_says_why_a_page_that_is_not_live_cannot_be_taken_down(
    client, draft, editor
):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{draft.pk}/unpublish/", follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert "Trang này đang không được đăng." in messages


def test_request_changes_by_someone_outside_the_stage_is_refused_before_the_comment(
    draft, reporter
):
    submit(draft, reporter)
    with pytest.raises(exceptions.NotAReviewerError):
        RequestChanges(current_task_state(draft), reporter, comment="").execute()
    assert current_task_state(draft).status == "in_progress"


def test_submit_for_review_refuses_a_revision_the_content_checks_block(
    news_section, reporter, settings
):
    from editorial.models import ContentCheckSettings

    check_settings = ContentCheckSettings.load()
    check_settings.blocked_domains = "lua-dao.example"
    check_settings.save()
    article = factories.make_article(
        news_section,
        "Bài có liên kết bị chặn",
        live=False,
        body_text='<a href="https://lua-dao.example/x">xem</a>',
    )
    article.save_revision(user=reporter)
    assert rules.submit_failures(article.get_latest_revision())
    with pytest.raises(exceptions.SubmissionBlockedError):
        SubmitForReview(article, reporter).execute()
    assert Page.objects.get(pk=article.pk).current_workflow_state is None
