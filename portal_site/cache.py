"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per
call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache operation,
and building one registers some 170 response callbacks: measured on a page-cache hit
(``cms.caching.page_cache``), that was half of the request's time, as much as the Redis round trip
itself. A ``redis.Redis`` keeps no state of its own between commands (connections come from its
pool), so one per pool serves every call; Django's cache handler already gives each thread its
own backend instance. The class name still ends in ``RedisCache``, which
``cms.caching.version.cache_is_shared`` looks for.
"""

from django.core.cache.backends import redis as django_redis


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


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
