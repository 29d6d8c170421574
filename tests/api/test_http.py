"""HTTP behaviour of the public API: conditional requests, caching headers, CORS, compression,
one JSON error shape for every 4xx, and bad input refused with 400, never a 500."""

import brotli
import pytest
from django.test import override_settings

from cms.caching import version
from tests import factories

ALLOWED = "https://app.phuong.example.vn"


@pytest.fixture
def settings_with_cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]
    return settings


def test_etag_round_trip_gives_304_until_content_changes(client, article, news_section):
    first = client.get("/api/v1/articles/")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    factories.make_article(news_section, "Tin mới")
    changed = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_last_modified_round_trip_gives_304(client, article, shared_redis_cache):
    first = client.get(f"/api/v1/articles/{article.pk}/")
    last_modified = first["Last-Modified"]
    again = client.get(f"/api/v1/articles/{article.pk}/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 304


def test_anonymous_reads_are_publicly_cacheable(client, article, settings):
    settings.PORTAL_API_MAX_AGE = 60
    response = client.get("/api/v1/articles/")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert "public" in client.get("/api/v2/pages/")["Cache-Control"]


def test_last_modified_is_left_out_when_processes_do_not_share_the_cache(client, article):
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert "ETag" in response
    assert "Last-Modified" not in response


def test_errors_are_not_cacheable(client, db):
    response = client.get("/api/v1/articles/2147483000/")
    assert "no-cache" in response["Cache-Control"]


def test_cors_allows_an_origin_from_settings(client, article, settings_with_cors):
    response = client.get("/api/v1/articles/", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    preflight = client.options(
        "/api/v1/articles/", HTTP_ORIGIN=ALLOWED, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_cors_refuses_other_origins(client, article, settings_with_cors):
    response = client.get("/api/v1/articles/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://evil.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_cors_headers_are_only_on_the_api(client, article, settings_with_cors):
    response = client.get(article.url, HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


def test_large_responses_are_compressed_with_brotli_or_gzip(client, news_section):
    for i in range(8):
        factories.make_article(news_section, f"Thông báo lịch tiếp công dân số {i}")
    plain = client.get("/api/v1/articles/")
    br = client.get("/api/v1/articles/", HTTP_ACCEPT_ENCODING="br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain.content
    assert "Accept-Encoding" in br["Vary"]
    gz = client.get("/api/v1/articles/", HTTP_ACCEPT_ENCODING="gzip")
    assert gz["Content-Encoding"] == "gzip"
    assert len(gz.content) < len(plain.content)


def test_html_pages_are_not_compressed_by_the_api_middleware(client, article):
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert "Content-Encoding" not in response


def test_head_is_answered_like_get_without_a_body(client, article):
    response = client.head("/api/v1/articles/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get("/api/v1/articles/")["ETag"]


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert set(error) == {"status", "code", "message", "details"}
    assert error["message"]
    return error


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("get", "/api/v1/khong-co/", 404, "not_found"),
        ("get", "/api/v1/articles/2147483000/", 404, "not_found"),
        ("get", "/api/v1/signage/khong-co/", 404, "not_found"),
        ("get", "/api/v1/images/2147483000/", 404, "not_found"),
        ("get", "/api/v1/documents/2147483000/", 404, "not_found"),
        ("post", "/api/v1/articles/", 405, "method_not_allowed"),
        ("delete", "/api/v1/articles/1/", 405, "method_not_allowed"),
        ("put", "/api/v1/sections/", 405, "method_not_allowed"),
    ],
)
def test_every_4xx_has_the_same_json_shape(client, db, method, url, status, code):
    error = assert_error_shape(getattr(client, method)(url), status)
    assert error["code"] == code


@pytest.mark.parametrize(
    "query",
    [
        "foo=1",
        "version=2",
        "fields=*",
        "child_of=3",
        "limit=0",
        "limit=101",
        "limit=1000000000000000000000",
        "limit=abc",
        "offset=-1",
        "offset=abc",
        "offset=100000000",
        "section=abc",
        "section=-5",
        "section=99999999999999999999999",
        "published_after=2024-02-30",
        "published_after=hom-qua",
        "published_before=0000-01-01",
        "published_after=2025-02-29",
        "source_type=tin-don",
        "ordering=latest_revision_created_at",
        "ordering=-owner",
        "tag=" + "a" * 101,
        "tag=%3Cscript%3E",
        "q=" + "a" * 10_000,
        "q=",
    ],
)
def test_bad_input_is_a_400_with_a_clear_json_error(client, article, query):
    error = assert_error_shape(client.get(f"/api/v1/articles/?{query}"), 400)
    assert error["code"] in {"invalid_parameter", "unknown_parameter"}
    assert error["details"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/abc/",
        "/api/v1/articles/-1/",
        "/api/v1/articles/99999999999999999999999/",
        "/api/v1/articles/by-path/",
        "/api/v1/articles/by-path/?path=" + "x" * 2000,
        "/api/v1/tags/?limit=-1",
        "/api/v1/images/?offset=-1",
        "/api/v1/documents/?limit=101",
        "/api/v1/sections/?depth=3",
        "/api/v1/preview/",
        "/api/v1/signage/bang/?at=2020-01-01",
    ],
)
def test_malformed_requests_never_cause_a_server_error(client, article, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "q=%2A%2A%2A",
        "published_after=2025-01-02&published_before=2025-01-01",
        "published_before=1800-01-01",
        "published_after=9999-12-31",
    ],
)
def test_valid_filters_that_cannot_match_give_an_empty_list(client, article, query):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_relevance_without_a_query_orders_newest_first(client, article, news_section):
    newer = factories.make_article(news_section, "Tin mới hơn")
    items = client.get("/api/v1/articles/?ordering=relevance").json()["items"]
    assert [item["id"] for item in items] == [newer.pk, article.pk]


def test_filtering_by_an_unknown_section_is_a_json_404(client, article):
    error = assert_error_shape(client.get("/api/v1/articles/?section=2147483000"), 404)
    assert error["code"] == "unknown_section"


def test_dates_at_the_ends_of_the_calendar_are_accepted(client, article):
    response = client.get(
        "/api/v1/articles/?published_after=0001-01-01&published_before=9999-12-31"
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_error_messages_are_in_vietnamese(client, db):
    error = client.get("/api/v1/articles/?limit=0").json()["error"]
    assert error["message"] == "Tham số của yêu cầu không hợp lệ."


@override_settings(PORTAL_API_RESPONSE_CACHE=True)
def test_a_cached_response_is_replaced_as_soon_as_content_changes(client, article, news_section):
    first = client.get("/api/v1/articles/").json()
    assert first["count"] == 1
    version_before = version.content_version()[0]
    factories.make_article(news_section, "Tin thứ hai")
    assert version.content_version()[0] > version_before
    assert client.get("/api/v1/articles/").json()["count"] == 2


@override_settings(PORTAL_API_RESPONSE_CACHE=True)
def test_cached_responses_are_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    client.get("/api/v1/articles/")
    with django_assert_num_queries(0):
        assert client.get("/api/v1/articles/").status_code == 200


def test_wagtail_v2_answers_conditional_requests(client, article):
    first = client.get(f"/api/v2/pages/{article.pk}/")
    assert first.status_code == 200
    again = client.get(f"/api/v2/pages/{article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_shared_cache_check_warns_about_a_per_process_cache(settings):
    from cms.checks import api_response_cache_is_shared

    settings.PORTAL_API_RESPONSE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in api_response_cache_is_shared(None)] == ["cms.W001"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        }
    }
    assert api_response_cache_is_shared(None) == []
