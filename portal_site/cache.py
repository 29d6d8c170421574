"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per
call, and an unreachable Redis treated as an empty cache.

Contract:

- One client per pool. Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis``
  for every cache operation, and building one registers some 170 response callbacks: measured
  on a page-cache hit (``cms.caching.page_cache``), that was half of the request's time, as
  much as the Redis round trip itself. A ``redis.Redis`` keeps no state of its own between
  commands (connections come from its pool), so one per pool serves every call; Django's cache
  handler already gives each thread its own backend instance.
- A Redis error is a miss, not an exception. Readers' pages and the API are only kept in the
  cache: when Redis is down or times out, reads (``get``, ``get_many``, ``has_key``) miss and
  writes (``set``, ``set_many``, ``add``, ``touch``, ``delete``, ``delete_many``) do nothing,
  with a warning logged, so every request is answered from the database instead of failing.
- A Redis that fails is left alone for ``RETRY_AFTER`` seconds (per process and server): every
  operation in that time is a miss at once instead of waiting for its own socket timeout. With
  Redis frozen (stopped with SIGSTOP, a full network buffer) a request waits at most one socket
  timeout (``REDIS_TIMEOUT``, 0.5 s by default), not one per cache operation. No command is
  retried (redis-py's pools retry nothing unless told to; nothing here tells them).
- ``incr`` and ``decr`` (counters: the report form's rate limit) raise ``CacheUnavailable``
  instead: a counter that silently stays at nothing would lift the limit. Their callers fall
  back to the database.
- The content version is not kept here (``cms.caching.version``: the database owns it).

The class name still ends in ``RedisCache``, which ``cms.caching.version.cache_is_shared``
looks for.
"""

import functools
import logging
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 2.0  # seconds a failing Redis is not asked again (per process and server)
_down_until = {}  # server location -> time.monotonic() until which it counts as down


class CacheUnavailable(RedisError):
    """The shared cache cannot be reached (raised by counters; everything else is a miss)."""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Pools are kept for the life of the backend, so id(pool) is never reused.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _is_down(cache):
    until = _down_until.get(cache._server_key)
    return until is not None and time.monotonic() < until


def _failed(cache, operation, error):
    _down_until[cache._server_key] = time.monotonic() + RETRY_AFTER
    logger.warning("Redis cache %s failed, treated as a miss: %r", operation, error)


def _or_on_error(fallback):
    """Run the cache operation; on a Redis error (or while Redis counts as down), log it and
    return ``fallback(*args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if _is_down(self):
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _failed(self, method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _or_unavailable(method):
    """Run the counter operation; on a Redis error raise ``CacheUnavailable``."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if _is_down(self):
            raise CacheUnavailable("Redis counts as down")
        try:
            return method(self, *args, **kwargs)
        except CacheUnavailable:
            raise
        except RedisError as error:
            _failed(self, method.__name__, error)
            raise CacheUnavailable(str(error)) from error

    return wrapper


def _default(key, default=None, version=None):
    return default


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._server_key = str(server)

    get = _or_on_error(_default)(django_redis.RedisCache.get)
    get_many = _or_on_error(lambda *a, **k: {})(django_redis.RedisCache.get_many)
    has_key = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.has_key)
    add = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.add)
    set = _or_on_error(lambda *a, **k: None)(django_redis.RedisCache.set)
    set_many = _or_on_error(lambda data, *a, **k: list(data))(django_redis.RedisCache.set_many)
    touch = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.touch)
    delete = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.delete)
    delete_many = _or_on_error(lambda *a, **k: None)(django_redis.RedisCache.delete_many)
    incr = _or_unavailable(django_redis.RedisCache.incr)
    decr = _or_unavailable(django_redis.RedisCache.decr)


def reset():
    """Forget every failure: the next operation asks Redis again (tests, after a restart)."""
    _down_until.clear()
