"""portal_site.cache.RedisCache: one redis-py client per pool, reused by every call; a Redis
error is a miss (reads) or nothing (writes), never an exception, except counters (the report
form's rate limit falls back to the database); a failing Redis is not asked again for a moment;
it counts as the shared cache the page cache needs."""

import logging
import socket
import time

import pytest
from django.core.cache import cache

from cms.caching import version
from portal_site import cache as portal_cache

# Nothing listens on port 1: every operation fails at once with a connection error.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def use_dead_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal_site.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def dead_redis(settings):
    use_dead_redis(settings)


def test_every_operation_goes_through_one_client_built_once(redis_cache, monkeypatch):
    """Django builds a redis.Redis per operation; the portal's backend builds one per pool."""
    backend = cache._cache
    built = []
    make_client = backend._client
    monkeypatch.setattr(backend, "_client", lambda **kw: built.append(kw) or make_client(**kw))
    backend._clients.clear()

    cache.set("a", 1, 60)
    cache.get("a")
    cache.get_many(["a", "b"])
    cache.add("c", 2, 60)
    cache.incr("a")
    cache.delete("c")

    assert len(built) == 1
    assert backend.get_client() is backend.get_client(write=True) is backend.get_client("k")
    assert cache.get("a") == 2


def test_the_cache_still_stores_what_the_portal_stores(redis_cache):
    entry = (1, 200, [("Content-Type", "text/html")], b"<p>x</p>")
    cache.set("page", entry, 60)
    assert cache.get_many(["page", "missing"]) == {"page": entry}
    assert cache.add("counter", 41, timeout=None)
    assert cache.incr("counter") == 42


def test_a_redis_error_is_a_miss_on_reads(dead_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="portal_site.cache"):
        assert cache.get("anything") is None
        assert cache.get("anything", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("a") is False
    assert "treated as a miss" in caplog.text


def test_a_redis_error_makes_writes_do_nothing(dead_redis):
    assert cache.set("a", 1, 60) is None
    assert cache.add("a", 1, 60) is False
    assert cache.set_many({"a": 1, "b": 2}, 60) == ["a", "b"]
    assert cache.delete("a") is False
    cache.delete_many(["a", "b"])
    assert cache.touch("a", 60) is False


def test_a_redis_error_makes_counters_raise_cache_unavailable(dead_redis):
    """A counter that silently stayed at nothing would lift a rate limit: its caller is told,
    and falls back to the database (citizen_reports.views.allow_submission)."""
    with pytest.raises(portal_cache.CacheUnavailable):
        cache.incr("counter")


@pytest.mark.django_db
def test_the_content_version_is_bumped_in_the_database_while_redis_is_down(dead_redis):
    """A change made while Redis is down is not refused: its bump is a database row."""
    version.forget()
    before = version.content_version()[0]
    version.bump_content_version()
    assert version.content_version()[0] > before


def test_a_frozen_redis_costs_one_timeout_not_one_per_operation(settings):
    """A server that accepts connections and never answers (Redis stopped with SIGSTOP): the
    first operation waits for its socket timeout, then Redis is left alone for a moment and
    every operation is a miss at once."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        settings.CACHES = {
            "default": {
                "BACKEND": "portal_site.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
            }
        }
        portal_cache.reset()
        started = time.monotonic()
        assert cache.get("a") is None
        first = time.monotonic() - started
        for _ in range(30):
            assert cache.get_many(["a", "b"]) == {}
            cache.set("a", 1, 60)
        total = time.monotonic() - started
    portal_cache.reset()
    assert 0.25 < first < 1.5
    assert total < first + 0.5


@pytest.mark.django_db
def test_public_pages_are_served_from_the_database_while_redis_is_down(
    client, settings, news_section
):
    from tests import factories

    article = factories.make_article(news_section, "Tin khi Redis ngừng")
    use_dead_redis(settings)
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    settings.PORTAL_API_RESPONSE_CACHE = True
    assert client.get(article.url).status_code == 200
    assert client.get("/").status_code == 200
    response = client.get("/api/v1/articles/")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_it_counts_as_a_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "portal_site.cache.RedisCache", "LOCATION": "x"}}
    assert version.cache_is_shared()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not version.cache_is_shared()
