"""Signage boards show the items whose display window is open; headless preview tokens show one
draft to a staff member's front end until they expire or the draft is published."""

import datetime as dt
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.models import SignageBoard, SignageItem
from tests import factories


@pytest.fixture
def board(db):
    return SignageBoard.objects.create(
        name="Sảnh UBND phường", slug="sanh-ubnd", width=1280, height=720
    )


def add_item(board, **fields):
    fields.setdefault("starts_at", timezone.now() - dt.timedelta(hours=1))
    return SignageItem.objects.create(board=board, **fields)


def titles(client, slug="sanh-ubnd"):
    response = client.get(f"/api/v1/signage/{slug}/")
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_board_shows_only_items_whose_window_is_open(client, board):
    now = timezone.now()
    add_item(board, title="Đang chiếu", ends_at=now + dt.timedelta(hours=1))
    add_item(board, title="Không hạn")
    add_item(board, title="Đã hết", starts_at=now - dt.timedelta(days=2), ends_at=now)
    add_item(board, title="Sắp tới", starts_at=now + dt.timedelta(hours=1))
    assert titles(client) == ["Đang chiếu", "Không hạn"]


def test_board_item_with_an_article_shows_it_only_while_the_article_is_live(
    client, board, article, news_section
):
    draft = factories.make_article(news_section, "Tin chưa duyệt", live=False)
    big = factories.make_image("Bảng", size=(1600, 1000))
    add_item(board, article=article, image=big)
    add_item(board, article=draft)
    data = client.get("/api/v1/signage/sanh-ubnd/").json()
    assert [item["title"] for item in data["items"]] == [article.title]
    item = data["items"][0]
    assert item["link"].endswith(article.url)
    assert item["text"] == article.lead
    assert (item["image"]["width"], item["image"]["height"]) == (1280, 720)
    article.unpublish()
    assert titles(client) == []


def test_board_response_may_be_cached_only_until_the_next_window_change(client, board, settings):
    settings.PORTAL_API_MAX_AGE = 300
    add_item(board, title="Ngắn", ends_at=timezone.now() + dt.timedelta(seconds=40))
    max_age = int(client.get("/api/v1/signage/sanh-ubnd/")["Cache-Control"].split("max-age=")[1])
    assert 30 <= max_age <= 40


@override_settings(PORTAL_API_RESPONSE_CACHE=True)
def test_item_appears_when_its_window_opens_even_with_the_response_cache(client, board):
    add_item(board, title="Bây giờ")
    add_item(board, title="Một lát nữa", starts_at=timezone.now() + dt.timedelta(seconds=2))
    assert titles(client) == ["Bây giờ"]
    time.sleep(2.2)
    assert titles(client) == ["Bây giờ", "Một lát nữa"]


def test_unknown_board_is_a_json_404(client, db):
    response = client.get("/api/v1/signage/khong-co/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_admin_can_create_a_board_as_a_snippet(client, db):
    admin = factories.make_user("quantri", superuser=True)
    client.force_login(admin)
    response = client.get("/admin/snippets/cms/signageboard/add/")
    assert response.status_code == 200


# --- Draft preview ------------------------------------------------------------------------


@pytest.fixture
def drafted(article):
    article.title = "Tiêu đề mới, chưa duyệt"
    article.save_revision(user=factories.staff()[0])
    return article


@pytest.fixture
def admin_client(client, db):
    client.force_login(factories.make_user("admin", superuser=True))
    return client


def issue(client, page):
    response = client.get(f"/admin/api-preview/{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_staff_member_gets_a_token_that_shows_the_draft(admin_client, drafted, client):
    issued = issue(admin_client, drafted)
    admin_client.logout()
    response = client.get("/api/v1/preview/", {"token": issued["token"]})
    assert response.status_code == 200
    assert response.json()["title"] == "Tiêu đề mới, chưa duyệt"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # The public API still shows the live version.
    assert client.get(f"/api/v1/articles/{drafted.pk}/").json()["title"] != drafted.title


def test_anonymous_visitor_cannot_get_a_token(client, drafted):
    response = client.get(f"/admin/api-preview/{drafted.pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_edit_permission_cannot_get_a_token(client, drafted):
    client.force_login(factories.make_user("khach"))
    assert client.get(f"/admin/api-preview/{drafted.pk}/").status_code in (302, 403, 404)


def test_token_stops_working_when_it_expires(admin_client, drafted, settings):
    token = issue(admin_client, drafted)["token"]
    settings.PORTAL_API_PREVIEW_TOKEN_SECONDS = 1
    time.sleep(1.2)
    response = admin_client.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "preview_token_expired"


def test_token_stops_working_once_the_draft_is_published(admin_client, drafted):
    token = issue(admin_client, drafted)["token"]
    factories.go_live(drafted)
    response = admin_client.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "preview_token_stale"


def test_token_stops_working_once_a_newer_draft_replaces_it(admin_client, drafted):
    token = issue(admin_client, drafted)["token"]
    drafted.title = "Bản nháp thứ hai"
    drafted.save_revision(user=factories.staff()[0])
    response = admin_client.get("/api/v1/preview/", {"token": token})
    assert response.json()["error"]["code"] == "preview_token_stale"


@pytest.mark.parametrize("token", ["abc", "x" * 400, "eyJwYWdlIjoxfQ:1abc:forged"])
def test_forged_or_garbled_tokens_are_refused(client, drafted, token):
    response = client.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "preview_token_invalid"


def test_a_page_without_a_draft_gets_no_token(admin_client, article):
    response = admin_client.get(f"/admin/api-preview/{article.pk}/")
    assert response.status_code == 400


# A token dies with the decision or the role that makes it stale (issue 15, finding 5).


def submitted(page):
    reporter = factories.staff()[0]
    page.get_workflow().start(page, reporter)
    return page


def test_token_stops_working_once_the_review_is_rejected(admin_client, drafted):
    from tests.editorial.helpers import act

    submitted(drafted)
    token = issue(admin_client, drafted)["token"]
    assert admin_client.get("/api/v1/preview/", {"token": token}).status_code == 200
    act(drafted, factories.staff()[1], "reject", "Không đăng")
    response = admin_client.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "preview_token_revoked"


def test_token_stops_working_once_the_review_is_withdrawn(admin_client, drafted):
    from wagtail.models import Page

    submitted(drafted)
    token = issue(admin_client, drafted)["token"]
    Page.objects.get(pk=drafted.pk).current_workflow_state.cancel(user=factories.staff()[0])
    response = admin_client.get("/api/v1/preview/", {"token": token})
    assert response.json()["error"]["code"] == "preview_token_revoked"


def test_token_stops_working_once_its_issuer_loses_the_role(client, drafted):
    from editorial import roles

    editor = factories.staff()[1]
    client.force_login(editor)
    token = issue(client, drafted)["token"]
    assert client.get("/api/v1/preview/", {"token": token}).status_code == 200
    editor.groups.remove(editor.groups.get(name=roles.EDITORS))
    client.logout()
    response = client.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "preview_token_revoked"
