"""Freshness across processes: one global content version in the shared cache.

Contract:

- Everything cached for readers (API responses, whole public pages in
  ``cms.caching.page_cache``, the lookups and listing totals in ``cms.caching.lookups``) is
  stored under the content version current when it was built, and served only while that
  version is current.
- Any change readers could see bumps the version. Which changes those are is declared by the
  models themselves (``cms.caching.invalidation``); nothing else calls ``bump_content_version``
  except code that changes what readers see without saving a declared model.
- The version is bumped at once and again after the transaction commits, so a response built
  from the old data between the two can never outlive the commit.
- Only a cache that every app process shares (Redis in production, which refuses to start
  without ``REDIS_URL``) makes a bump visible to every process; with a per-process cache (local
  development) only the process that made the change sees it.

Import direction: Django only; no model is imported here.
"""

import time

from django.core.cache import cache
from django.db import transaction

SHARED_CACHE_BACKENDS = ("RedisCache", "PyMemcacheCache", "PyLibMCCache", "DatabaseCache")

VERSION_KEY = "cms.content-version"
CHANGED_AT_KEY = "cms.content-changed-at"


def cache_is_shared():
    """Whether every app process sees the same cache (and so the same content version)."""
    from django.conf import settings

    return settings.CACHES.get("default", {}).get("BACKEND", "").endswith(SHARED_CACHE_BACKENDS)


def content_version():
    """(version, changed_at): the current content version and when it last changed."""
    values = cache.get_many([VERSION_KEY, CHANGED_AT_KEY])
    version, changed_at = values.get(VERSION_KEY), values.get(CHANGED_AT_KEY)
    if version is None or changed_at is None:
        changed_at = int(time.time())
        # Milliseconds: a version lost from the cache (eviction, restart) restarts above any
        # version handed out before, so no stale entry can be picked up again.
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        cache.add(CHANGED_AT_KEY, changed_at, timeout=None)
        values = cache.get_many([VERSION_KEY, CHANGED_AT_KEY])
        version = values.get(VERSION_KEY, 0)
        changed_at = values.get(CHANGED_AT_KEY, changed_at)
    return version, changed_at


def bump_now():
    """Move to a new content version at once (without waiting for the transaction)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
    cache.set(CHANGED_AT_KEY, int(time.time()), timeout=None)


def bump_content_version():
    """Move to a new content version now and again once the current transaction commits."""
    bump_now()
    transaction.on_commit(bump_now)
