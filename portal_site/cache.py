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
- Except the content version (``cms.caching.version``): ``incr``, its bump, raises. A change
  whose bump was lost could let pages built before it be served again once Redis is back, so
  a change made while Redis is down fails (and its transaction rolls back) instead.

The class name still ends in ``RedisCache``, which ``cms.caching.version.cache_is_shared``
looks for.
"""

import functools
import logging

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


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


def _or_on_error(fallback):
    """Run the cache operation; on a Redis error, log it and return ``fallback(*args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning(
                    "Redis cache %s failed, treated as a miss: %r", method.__name__, error
                )
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    get = _or_on_error(_default)(django_redis.RedisCache.get)
    get_many = _or_on_error(lambda *a, **k: {})(django_redis.RedisCache.get_many)
    has_key = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.has_key)
    add = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.add)
    set = _or_on_error(lambda *a, **k: None)(django_redis.RedisCache.set)
    set_many = _or_on_error(lambda data, *a, **k: list(data))(django_redis.RedisCache.set_many)
    touch = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.touch)
    delete = _or_on_error(lambda *a, **k: False)(django_redis.RedisCache.delete)
    delete_many = _or_on_error(lambda *a, **k: None)(django_redis.RedisCache.delete_many)
