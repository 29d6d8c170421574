"""The anonymous page cache (cms.caching.page_cache): whole pages from the shared cache
(Redis), one per language, replaced as soon as anything readers can see changes, never for
staff, forms or anything per reader."""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from cms.caching.page_cache import CACHE_HEADER, is_shareable
from tests import factories


@pytest.fixture
def shared_cache(redis_cache, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    return redis_cache


@pytest.fixture
def article(news_section):
    return factories.make_article(
        news_section, "Kế hoạch chuyển đổi số", body_text="Nội dung kế hoạch", tags=["chuyen-doi"]
    )


def queries_of(client, method, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, **extra)
    return response, len(queries)


# --- Hits and misses ------------------------------------------------------------------------


def test_second_anonymous_read_is_served_from_the_cache_without_a_query(
    client, shared_cache, article, django_assert_num_queries
):
    first = client.get(article.url)
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert second.status_code == 200
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert "Nội dung kế hoạch" in second.text
    for header in ("Content-Type", "Content-Language", "Content-Security-Policy", "Vary"):
        assert second[header] == first[header], header
    assert second["Content-Length"] == str(len(first.content))
    # Added outside the cache (SecurityMiddleware) on every response.
    assert second["X-Content-Type-Options"] == "nosniff"
    assert not second.cookies


def test_every_kind_of_public_page_is_served_from_the_cache(client, shared_cache, article):
    urls = [
        "/",
        article.get_parent().url,
        article.url,
        article.url + "ban-in/",
        "/the/chuyen-doi/",
        "/tim-kiem/?q=ke+hoach",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for url in urls:
        assert client.get(url)[CACHE_HEADER] == "miss", url
    for url in urls:
        response, queries = queries_of(client, "get", url)
        assert response.status_code == 200, url
        assert response[CACHE_HEADER] == "hit", url
        assert queries == 0, url


def test_host_scheme_and_page_parameters_each_have_their_own_entry(client, shared_cache, article):
    assert client.get(article.url)[CACHE_HEADER] == "miss"
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    assert client.get(article.url + "?page=2")[CACHE_HEADER] == "miss"
    assert client.get(article.url + "?page=2")[CACHE_HEADER] == "hit"
    assert client.get(article.url, HTTP_HOST="localhost")[CACHE_HEADER] == "miss"
    assert client.get(article.url, secure=True)[CACHE_HEADER] == "miss"
    robots = client.get("/robots.txt", secure=True)
    assert "Sitemap: https://testserver/sitemap.xml" in robots.text
    assert "Sitemap: http://testserver/" in client.get("/robots.txt").text


def test_parameters_no_page_reads_hit_the_same_entry_and_store_nothing(
    client, shared_cache, article, redis_cache
):
    """Issue 17, finding 6: ``?r=<random>`` neither bypasses the cache nor fills Redis; the
    page is rendered as if the parameter had not been sent (its links do not carry it)."""
    import redis

    from tests.conftest import REDIS_URL

    section = article.get_parent().url
    first = client.get(section)
    assert first[CACHE_HEADER] == "miss"
    pages = f"{redis_cache}:*cms.page.*"
    keys = redis.Redis.from_url(REDIS_URL).keys(pages)
    assert len(keys) == 1
    for n in range(20):
        response = client.get(f"{section}?r={n}&utm_source=x{n}")
        assert response.status_code == 200
        assert response[CACHE_HEADER] == "hit"
        assert response.content == first.content
    assert client.get("/tim-kiem/?q=ke+hoach&r=1")[CACHE_HEADER] == "miss"
    assert client.get("/tim-kiem/?r=2&q=ke+hoach")[CACHE_HEADER] == "hit"
    after = redis.Redis.from_url(REDIS_URL).keys(pages)
    assert len(after) == len(keys) + 1  # the search page only


def test_head_is_answered_from_the_cached_get_without_a_body(
    client, shared_cache, article, django_assert_num_queries
):
    body = client.get(article.url).content
    with django_assert_num_queries(0):
        head = client.head(article.url)
    assert head.status_code == 200
    assert head[CACHE_HEADER] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(body))
    assert head["Content-Type"].startswith("text/html")


def test_a_head_request_does_not_fill_the_cache(client, shared_cache, article):
    assert client.head(article.url)[CACHE_HEADER] == "miss"
    assert client.get(article.url)[CACHE_HEADER] == "miss"
    assert client.head(article.url)[CACHE_HEADER] == "hit"


# --- Invalidation ---------------------------------------------------------------------------


def test_publishing_through_review_replaces_the_cached_listing_at_once(
    client, shared_cache, news_section
):
    factories.make_article(news_section, "Tin đầu tiên")
    client.get(news_section.url)
    assert client.get(news_section.url)[CACHE_HEADER] == "hit"

    factories.make_article(news_section, "Tin vừa được ký duyệt")  # reporter, editor, chief

    fresh = client.get(news_section.url)
    assert fresh[CACHE_HEADER] == "miss"
    assert "Tin vừa được ký duyệt" in fresh.text
    assert client.get(news_section.url)[CACHE_HEADER] == "hit"


def test_a_takedown_removes_the_cached_article_at_once(client, shared_cache, article):
    from editorial.actions import TakeDown

    client.get(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    TakeDown(article, factories.staff()[1], "Thông tin chưa chính xác").execute()
    assert client.get(article.url).status_code == 404


def test_agency_settings_shown_on_every_page_replace_the_cached_pages(
    client, shared_cache, article
):
    from cms.models import AgencySettings

    client.get(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    agency.name = "Ủy ban nhân dân phường Đổi Mới"
    agency.save()
    response = client.get(article.url)
    assert response[CACHE_HEADER] == "miss"
    assert "Ủy ban nhân dân phường Đổi Mới" in response.text


def test_renaming_a_tag_replaces_the_cached_article(client, shared_cache, article):
    from taggit.models import Tag

    client.get(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    tag = Tag.objects.get(slug="chuyen-doi")
    tag.name = "Chuyển đổi số quốc gia"
    tag.save()
    response = client.get(article.url)
    assert response[CACHE_HEADER] == "miss"
    assert "Chuyển đổi số quốc gia" in response.text


def test_a_new_view_restriction_takes_the_page_out_of_the_cache(client, shared_cache, article):
    client.get(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert "Nội dung kế hoạch" not in response.text


# --- Languages ------------------------------------------------------------------------------


def test_each_language_has_its_own_cached_page(client, shared_cache, article):
    cookie = django_settings.LANGUAGE_COOKIE_NAME
    vietnamese = client.get(article.url)
    assert '<html lang="vi">' in vietnamese.text

    client.cookies[cookie] = "en"
    english = client.get(article.url)
    assert english[CACHE_HEADER] == "miss"
    assert '<html lang="en">' in english.text
    again = client.get(article.url)
    assert again[CACHE_HEADER] == "hit"
    assert again.content == english.content
    assert again["Content-Language"] == "en"

    client.cookies[cookie] = "vi"
    cached = client.get(article.url)
    assert cached[CACHE_HEADER] == "hit"
    assert cached.content == vietnamese.content

    # A language the portal does not offer is read as Vietnamese, and so shares its page.
    client.cookies[cookie] = "fr"
    unknown = client.get(article.url)
    assert unknown[CACHE_HEADER] == "hit"
    assert unknown.content == vietnamese.content


def test_switching_language_by_link_is_never_cached_and_the_next_page_follows(
    client, shared_cache, article
):
    client.get(article.url)
    switch = client.get("/ngon-ngu/", {"language": "en", "next": article.url})
    assert switch.status_code == 302
    assert CACHE_HEADER not in switch
    english = client.get(article.url)
    assert '<html lang="en">' in english.text


# --- Never from or into the cache -----------------------------------------------------------


def test_requests_with_a_session_cookie_bypass_the_cache(client, shared_cache, article):
    client.get(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "hit"
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "any-session"
    response, queries = queries_of(client, "get", article.url)
    assert response.status_code == 200
    assert CACHE_HEADER not in response
    assert queries > 0


def test_a_signed_in_editor_neither_reads_nor_fills_the_cache(client, shared_cache, article):
    _reporter, editor, _chief = factories.staff()
    client.force_login(editor)
    response = client.get(article.url)
    assert response.status_code == 200
    assert CACHE_HEADER not in response
    client.logout()
    client.cookies.pop(django_settings.SESSION_COOKIE_NAME, None)
    assert client.get(article.url)[CACHE_HEADER] == "miss"


def test_post_is_neither_served_from_nor_stored_in_the_cache(client, shared_cache, article):
    client.post(article.url)
    assert client.get(article.url)[CACHE_HEADER] == "miss"
    response = client.post(article.url)
    assert CACHE_HEADER not in response


def test_not_found_pages_are_not_stored(client, shared_cache, home):
    for _ in range(2):
        response, queries = queries_of(client, "get", "/khong-co-trang-nay/")
        assert response.status_code == 404
        assert response[CACHE_HEADER] == "miss"
        assert queries > 0


def test_a_password_restricted_page_with_its_csrf_form_is_not_stored(client, shared_cache, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-123"
    )
    for _ in range(2):
        response, queries = queries_of(client, "get", article.url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.text
        assert "Nội dung kế hoạch" not in response.text
        assert response[CACHE_HEADER] == "miss"
        assert queries > 0


def test_the_report_form_and_its_status_page_are_never_cached(client, shared_cache, home):
    for url in ("/phan-anh/", "/phan-anh/tra-cuu/"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "csrfmiddlewaretoken" in response.text, url
            assert CACHE_HEADER not in response, url


def test_admin_api_documents_and_static_files_are_left_alone(client, shared_cache, article):
    for url in (
        "/admin/login/",
        "/api/v1/sections/",
        "/api/v2/pages/",
        "/documents/1/x.pdf",
        "/static/cms/portal.css",
        "/media/original_images/x.jpg",
    ):
        for _ in range(2):
            assert CACHE_HEADER not in client.get(url), url


@pytest.mark.urls("tests.cms.page_cache_urls")
@pytest.mark.parametrize(
    "url",
    [
        "/__test__/nonce/",
        "/__test__/csrf/",
        "/__test__/private/",
        "/__test__/vary-language/",
        "/__test__/cookie/",
    ],
)
def test_responses_that_are_not_the_same_for_every_reader_are_not_stored(
    client, shared_cache, home, url
):
    for _ in range(2):
        assert client.get(url)[CACHE_HEADER] == "miss"


@pytest.mark.urls("tests.cms.page_cache_urls")
def test_a_plain_response_is_stored(client, shared_cache, home):
    assert client.get("/__test__/plain/")[CACHE_HEADER] == "miss"
    assert client.get("/__test__/plain/")[CACHE_HEADER] == "hit"


def test_a_response_that_used_the_csrf_token_is_refused_even_without_a_cookie(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    request = rf.get("/")
    response = HttpResponse("<p>x</p>")
    assert is_shareable(request, response)
    get_token(request)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False  # as after CsrfViewMiddleware
    assert not is_shareable(request, response)


# --- Off ------------------------------------------------------------------------------------


def test_nothing_is_cached_with_a_per_process_cache(client, article):
    assert django_settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    for _ in range(2):
        response, queries = queries_of(client, "get", article.url)
        assert response.status_code == 200
        assert CACHE_HEADER not in response
        assert queries > 0


def test_zero_seconds_turns_the_cache_off(client, shared_cache, settings, article):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response, queries = queries_of(client, "get", article.url)
        assert CACHE_HEADER not in response
        assert queries > 0
