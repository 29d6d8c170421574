"""Site search ignores Vietnamese diacritics on every database backend."""

import pytest
from django.db import connection
from django.urls import reverse

from cms.text import fold
from tests import factories


@pytest.fixture
def articles(news_section):
    return {
        "tuyen": factories.make_article(news_section, "Tuyên truyền pháp luật cho thanh niên"),
        "uyban": factories.make_article(
            news_section, "Thông báo lịch tiếp dân", body_text="Ủy ban nhân dân phường thông báo."
        ),
        "kehoach": factories.make_article(news_section, "Kế hoạch phòng chống dịch bệnh"),
        "dien": factories.make_article(news_section, "Điện tử hóa thủ tục hành chính"),
    }


def test_fold_turns_vietnamese_into_plain_lower_case_ascii():
    assert fold("Ủy ban Nhân dân ĐỊA PHƯƠNG  kế hoạch") == "uy ban nhan dan dia phuong ke hoach"


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("tuyen truyen", "tuyen"),
        ("tuyên truyền", "tuyen"),
        ("TUYEN TRUYEN", "tuyen"),
        ("uy ban", "uyban"),
        ("ủy ban", "uyban"),
        ("ke hoach", "kehoach"),
        ("dich benh", "kehoach"),
        ("dien tu", "dien"),
    ],
)
def test_search_matches_with_or_without_diacritics(client, articles, query, key):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert articles[key].title in response.text
    others = [a.title for k, a in articles.items() if k != key]
    assert not any(title in response.text for title in others)


def test_search_does_not_find_drafts(client, news_section):
    factories.make_article(news_section, "Tuyên truyền bản nháp", live=False)
    response = client.get(reverse("search"), {"q": "tuyen truyen"})
    assert "Tuyên truyền bản nháp" not in response.text


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        '"unbalanced',
        "* OR ( AND NOT",
        "' ; DROP TABLE wagtailcore_page; --",
        "\x01",
        "🙂🙂",
        "   ",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_give_a_normal_page(client, articles, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_a_nul_byte_in_the_query_answers_400_with_what_to_do(client, articles):
    """Issue 17, finding 8: PostgreSQL refuses NUL in any text, so the request is refused before
    it gets there (cms.middleware.RejectInvalidInputMiddleware)."""
    response = client.get(reverse("search"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "kiểm tra lại đường dẫn" in response.text


def test_long_query_is_shortened_with_a_notice(client, articles):
    response = client.get(reverse("search"), {"q": "tuyen truyen " + "x" * 10_000})
    assert response.status_code == 200
    assert "200 ký tự" in response.text


def test_search_paginates_with_bad_page_numbers(client, articles):
    for page in ("-1", "abc", "100000"):
        assert client.get(reverse("search"), {"q": "tuyen", "page": page}).status_code == 200


@pytest.mark.postgres
def test_postgres_uses_the_unaccent_text_search_configuration(articles):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert backend.config == "portal_unaccent"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('portal_unaccent', 'Ủy ban tuyên truyền')::text")
        (vector,) = cursor.fetchone()
    assert "'uy'" in vector and "'tuyen'" in vector


def _dated(article, days_ago):
    """Backdate an article's publication (test data: the ordering under test reads it)."""
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Page

    Page.objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=days_ago)
    )
    return article


@pytest.fixture
def digital(news_section):
    """An old article about digital transformation through and through, and a newer one that
    mentions it once."""
    return {
        "old": _dated(
            factories.make_article(
                news_section,
                "Chuyển đổi số: chuyển đổi số trong chính quyền số",
                body_text="Chuyển đổi số. " * 30,
            ),
            30,
        ),
        "new": _dated(
            factories.make_article(
                news_section,
                "Lịch tiếp công dân tháng này",
                body_text="Có nhắc tới chuyển đổi số một lần.",
            ),
            1,
        ),
    }


def _titles_in_order(response, articles):
    text = response.text
    return sorted(articles, key=lambda key: text.index(articles[key].title))


def test_search_lists_newest_first_by_default(client, digital):
    response = client.get(reverse("search"), {"q": "chuyen doi so"})
    assert response.status_code == 200
    assert _titles_in_order(response, digital) == ["new", "old"]
    assert 'aria-current="true">Mới nhất trước<' in response.text


def test_search_by_relevance_on_request(client, digital):
    response = client.get(reverse("search"), {"q": "chuyen doi so", "sap-xep": "lien-quan"})
    assert response.status_code == 200
    assert _titles_in_order(response, digital) == ["old", "new"]
    assert 'aria-current="true">Liên quan nhất trước<' in response.text


@pytest.mark.parametrize("order", ["", "x", "lien-quan'><script>", "moi-nhat" * 50])
def test_unknown_order_falls_back_to_newest_first(client, digital, order):
    response = client.get(reverse("search"), {"q": "chuyen doi so", "sap-xep": order})
    assert response.status_code == 200
    assert _titles_in_order(response, digital) == ["new", "old"]
    assert "<script>" not in response.text


def test_search_count_stops_at_the_cap_and_pages_stop_with_it(client, news_section, settings):
    settings.PORTAL_SEARCH_MAX_COUNTED = 3
    settings.PORTAL_LISTING_PAGE_SIZE = 1
    for i in range(5):
        factories.make_article(news_section, f"Hội nghị chuyển đổi số lần {i}")
    response = client.get(reverse("search"), {"q": "chuyen doi so", "sap-xep": "lien-quan"})
    assert response.status_code == 200
    assert "Hơn 3 kết quả" in response.text
    assert "Trang 1 / 3" in response.text
    # Links to the next page keep the query and the order.
    assert "?q=chuyen%20doi%20so&amp;sap-xep=lien-quan&amp;page=2" in response.text
    # Past the cap, the last offered page.
    last = client.get(reverse("search"), {"q": "chuyen doi so", "page": "5"})
    assert "Trang 3 / 3" in last.text


def test_search_under_the_cap_gives_the_exact_count(client, digital, settings):
    settings.PORTAL_SEARCH_MAX_COUNTED = 2
    response = client.get(reverse("search"), {"q": "chuyen doi so"})
    assert "2 kết quả" in response.text
    assert "Hơn" not in response.text
