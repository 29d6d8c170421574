"""portal_site.cache.RedisCache: Django's Redis backend, with one redis-py client per pool."""

from django.core.cache import cache

from cms.api.freshness import cache_is_shared


def test_one_client_serves_every_call(redis_cache):
    backend = cache._cache
    assert backend.get_client() is backend.get_client()
    assert backend.get_client(write=True) is backend.get_client("any-key")


def test_the_cache_operations_the_portal_uses_work(redis_cache):
    assert cache.get("missing") is None
    assert cache.add("counter", 41, timeout=None)
    assert not cache.add("counter", 0)
    assert cache.incr("counter") == 42
    cache.set("page", (1, 200, [("Content-Type", "text/html")], b"<p>x</p>"), 60)
    cache.set_many({"a": 1, "b": b"\xff"}, 60)
    assert cache.get_many(["counter", "page", "a", "b", "missing"]) == {
        "counter": 42,
        "page": (1, 200, [("Content-Type", "text/html")], b"<p>x</p>"),
        "a": 1,
        "b": b"\xff",
    }
    cache.delete("a")
    assert cache.get("a") is None


def test_it_counts_as_a_shared_cache(redis_cache):
    assert cache_is_shared()
