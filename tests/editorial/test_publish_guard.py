"""No path makes unreviewed content live, for any role: the admin's views and the code paths.

Every role (reporter, editor, chief editor, auditor, administrator, superuser) tries every
publishing path on content that has not completed review. Afterwards the content is not live,
and the refusal is said: a Vietnamese message in the admin (for roles Wagtail would otherwise
let publish), ``UnreviewedPublishError`` in code.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Page, Revision, WorkflowState

from cms.models import ArticlePage, StandardPage
from editorial.exceptions import UnreviewedPublishError
from editorial.models import PublicationClearance
from tests import factories
from tests.editorial.admin import article_data, edit_url, messages_of, standard_page_data
from tests.editorial.helpers import act, current_task_state, reload, submit

ROLES = ["reporter", "editor", "chief", "auditor", "administrator", "superuser"]
# Roles that Wagtail's permissions alone would let publish: for them the guard is what refuses.
PUBLISHERS = {"editor", "chief", "administrator", "superuser"}
REFUSAL = "Không được xuất bản"


@pytest.fixture
def users(staff, auditor, administrator, superuser):
    return {**staff, "auditor": auditor, "administrator": administrator, "superuser": superuser}


@pytest.fixture
def live_article(news_section):
    return factories.make_article(news_section, "Bài đã duyệt và đăng")


def post(client, user, url, data=None, **extra):
    client.force_login(user)
    return client.post(
        url, data or {}, follow=True, HTTP_REFERER=f"http://testserver{url}", **extra
    )


def assert_refused(role, response):
    if role in PUBLISHERS:
        assert any(REFUSAL in m for m in messages_of(response)), messages_of(response)


# --- The admin's views -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_publish_button_of_edit_view_does_not_publish_unreviewed_content(client, users, home, role):
    page = factories.make_standard_page(home, "Giới thiệu", live=False)
    page.save_revision(user=users["reporter"])
    data = {**standard_page_data(page, title="Giới thiệu (sửa)"), "action-publish": "1"}
    response = post(client, users[role], edit_url(page), data)
    page = reload(page)
    assert not page.live
    assert_refused(role, response)
    if role in PUBLISHERS:
        # Refused before anything was kept: no new revision, title as before.
        assert page.title == "Giới thiệu"
        assert page.revisions.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_create_and_publish_does_not_publish(client, users, home, role):
    url = reverse("wagtailadmin_pages:add", args=("cms", "standardpage", home.pk))
    data = {**standard_page_data(slug="trang-moi", title="Trang mới"), "action-publish": "1"}
    response = post(client, users[role], url, data)
    assert not StandardPage.objects.filter(slug="trang-moi", live=True).exists()
    assert_refused(role, response)
    if role in PUBLISHERS:
        assert not StandardPage.objects.filter(slug="trang-moi").exists()


@pytest.mark.parametrize("role", ROLES)
def test_bulk_publish_does_not_publish(client, users, news_section, role):
    article = factories.make_article(news_section, "Bản thảo", live=False)
    article.save_revision(user=users["reporter"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = post(client, users[role], f"{url}?id={article.pk}")
    assert not reload(article).live
    assert_refused(role, response)


@pytest.mark.parametrize("role", ROLES)
def test_admin_api_publish_does_not_publish(client, users, news_section, role):
    article = factories.make_article(news_section, "Bản thảo", live=False)
    article.save_revision(user=users["reporter"])
    client.force_login(users[role])
    response = client.post(f"/admin/api/main/pages/{article.pk}/action/publish/")
    assert response.status_code in (302, 403, 404)
    assert not reload(article).live
    if role in PUBLISHERS:
        assert REFUSAL in response.json()["message"]


@pytest.mark.parametrize("role", ROLES)
def test_copy_with_publish_copies_does_not_publish_the_copy(
    client, users, news_section, live_article, role
):
    url = reverse("wagtailadmin_pages:copy", args=[live_article.pk])
    data = {
        "new_title": "Bản sao",
        "new_slug": "ban-sao",
        "new_parent_page": str(news_section.pk),
        "publish_copies": "on",
    }
    response = post(client, users[role], url, data)
    assert not ArticlePage.objects.filter(slug="ban-sao", live=True).exists()
    assert_refused(role, response)


@pytest.mark.parametrize("role", ROLES)
def test_revert_and_publish_of_older_approved_content_needs_review_again(
    client, users, live_article, role
):
    old_revision = live_article.live_revision
    page = reload(live_article)
    page.title = "Bài đã duyệt, bản mới"
    factories.go_live(page)
    assert reload(page).title == "Bài đã duyệt, bản mới"
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk])
    old = old_revision.as_object()
    data = {**article_data(old, body_html=old.body.raw_data[0]["value"]), "action-publish": "1"}
    response = post(client, users[role], url, data)
    assert reload(page).title == "Bài đã duyệt, bản mới"
    assert_refused(role, response)


@pytest.mark.parametrize("role", ["editor", "chief", "administrator", "superuser"])
def test_moving_a_live_page_keeps_it_live_and_moving_a_draft_does_not_publish_it(
    client, users, home, news_section, live_article, role
):
    other = factories.make_section(home, "Thông báo")
    draft = factories.make_article(news_section, "Bản thảo", live=False)
    draft.save_revision(user=users["reporter"])
    for page in (live_article, draft):
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk])
        post(client, users[role], url)
    assert reload(live_article).live
    assert reload(live_article).get_parent().pk == other.pk
    assert not reload(draft).live


@pytest.mark.parametrize("role", ROLES)
def test_refused_publish_keeps_the_review_and_the_draft_as_they_were(client, users, home, role):
    page = factories.make_standard_page(home, "Giới thiệu", live=False)
    state = submit(page, users["reporter"])
    revision_id = reload(page).latest_revision_id
    data = {**standard_page_data(page, title="Đổi trong lúc duyệt"), "action-publish": "1"}
    post(client, users[role], edit_url(page), data)
    page = reload(page)
    assert not page.live
    assert page.latest_revision_id == revision_id
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


# --- Code and the shell ----------------------------------------------------------------------


CODE_PATHS = {
    "revision.publish()": lambda page, user: page.get_latest_revision().publish(user=user),
    "save_revision().publish()": lambda page, user: page.save_revision(user=user).publish(
        user=user
    ),
    "Page.save(live=True)": lambda page, user: _save_live(page),
    "copy(keep_live=True)": lambda page, user: page.copy(
        keep_live=True, update_attrs={"slug": "ban-sao", "live": True}, user=user
    ),
}


PermissionRefusals = (UnreviewedPublishError, PublishPagePermissionError)


def _save_live(page):
    page.live = True
    page.save()


@pytest.mark.parametrize("path", list(CODE_PATHS))
@pytest.mark.parametrize("role", [*ROLES, None])
def test_code_paths_refuse_unreviewed_content_for_every_user(users, news_section, role, path):
    article = factories.make_article(news_section, "Bản thảo", live=False)
    article.save_revision(user=users["reporter"])
    user = users[role] if role else None
    # Wagtail's own permission check may refuse first those who never had publish permission.
    expected = UnreviewedPublishError if role in PUBLISHERS | {None} else PermissionRefusals
    with pytest.raises(expected):
        CODE_PATHS[path](reload(article), user)
    assert not reload(article).live
    assert not ArticlePage.objects.filter(live=True, title="Bản thảo").exists()


def test_copy_of_a_live_article_with_keep_live_is_refused(live_article, superuser):
    with pytest.raises(UnreviewedPublishError):
        live_article.copy(keep_live=True, update_attrs={"slug": "ban-sao"}, user=superuser)
    assert not ArticlePage.objects.filter(slug="ban-sao").exists()


def test_copy_without_publishing_makes_a_draft(live_article, editor):
    copy = live_article.copy(keep_live=False, update_attrs={"slug": "ban-sao"}, user=editor)
    assert not copy.live


def test_changing_content_of_a_live_page_in_code_is_refused(live_article):
    page = reload(live_article)
    page.lead = "Sửa thẳng vào bản đang đăng"
    with pytest.raises(UnreviewedPublishError):
        page.save()
    assert reload(live_article).lead != "Sửa thẳng vào bản đang đăng"


def test_saving_a_live_page_without_content_change_is_allowed(live_article):
    page = Page.objects.get(pk=live_article.pk)  # not the specific class: a move does this
    page.save()
    page = reload(live_article)
    page.save()
    assert reload(live_article).live


def test_alias_of_a_live_page_is_live_with_the_same_reviewed_content(live_article, home, superuser):
    other = factories.make_section(home, "Chuyên mục khác")
    alias = live_article.create_alias(parent=other, update_slug="bi-danh", user=superuser)
    assert alias.live
    # Publishing reviewed new content of the source updates the alias too.
    page = reload(live_article)
    page.lead = "Nội dung mới đã duyệt"
    factories.go_live(page)
    assert reload(alias).lead == "Nội dung mới đã duyệt"


def test_alias_cannot_carry_content_of_its_own(live_article, home, superuser):
    other = factories.make_section(home, "Chuyên mục khác")
    alias = reload(live_article.create_alias(parent=other, update_slug="bi-danh", user=superuser))
    alias.lead = "Nội dung riêng của bí danh"
    with pytest.raises(UnreviewedPublishError):
        alias.save()


def test_scheduling_an_unreviewed_revision_is_refused(news_section, editor):
    article = factories.make_article(news_section, "Hẹn giờ", live=False)
    article.go_live_at = timezone.now() + timedelta(days=1)
    revision = article.save_revision(user=editor)
    with pytest.raises(UnreviewedPublishError):
        revision.publish(user=editor)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_scheduled_publishing_of_an_unreviewed_revision_leaves_it_unpublished_and_says_why(
    news_section, editor
):
    article = factories.make_article(news_section, "Hẹn giờ chưa duyệt", live=False)
    revision = article.save_revision(user=editor)
    # A schedule that predates the guard (or was written around it).
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    stderr = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=stderr)
    assert not reload(article).live
    assert "Hẹn giờ chưa duyệt" in stderr.getvalue()
    assert REFUSAL in stderr.getvalue()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_scheduled_publishing_publishes_reviewed_content_at_its_time(
    news_section, reporter, editor, chief
):
    from tests.editorial.test_review_admin import pass_the_time

    article = factories.make_article(news_section, "Hẹn giờ đã duyệt", live=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save()
    submit(article, reporter)
    act(article, editor, "approve")
    act(article, chief, "approve")
    page = reload(article)
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    pass_the_time(revision)
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert reload(article).live


def test_takedown_revokes_the_clearance_so_republishing_needs_review(live_article, editor):
    from editorial.actions import TakeDown

    TakeDown(live_article, editor, "Thông tin sai sự thật").execute()
    page = reload(live_article)
    assert not page.live
    assert not PublicationClearance.objects.filter(
        page=page, status__in=PublicationClearance.VALID
    ).exists()
    with pytest.raises(UnreviewedPublishError):
        page.get_latest_revision().publish(user=editor)
    assert not reload(live_article).live


def test_stage_progress_does_not_make_content_live_before_sign_off(draft, reporter, editor):
    submit(draft, reporter)
    act(draft, editor, "approve")
    assert not reload(draft).live
    assert current_task_state(draft) is not None
