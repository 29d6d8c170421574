"""Freshness across processes: one global content version, owned by the database.

Contract:

- Everything cached for readers (API responses, whole public pages in
  ``cms.caching.page_cache``, the lookups and listing totals in ``cms.caching.lookups``) is
  stored under the content version current when it was built, and served only while that
  version is current.
- The version lives in one database row (``cms.models.ContentVersion``). Any change readers
  could see bumps it in the same transaction as the change (an ``UPDATE`` of that row): it
  commits with the change or rolls back with it. Which changes those are is declared by the
  models themselves (``cms.caching.invalidation``); nothing else calls ``bump_content_version``
  except code that changes what readers see without saving a declared model.
- Each process knows the version it read from the database no more than
  ``PORTAL_CONTENT_VERSION_MAX_AGE`` seconds ago (0.5 s by default: one cheap primary-key read
  per process and half-second, whatever the traffic), and serves cache entries only under that
  version. A change committed by another process is therefore served within that time; the
  process that made it forgets its version at commit and sees it at once.
- The shared cache (Redis) holds only entries and a copy of the version (``VERSION_KEY``,
  written after commit, for people and tools looking at Redis). The copy is never read to decide
  what to serve: Redis restarted from an old snapshot, or a database restored from a backup,
  cannot make an entry of another version current. A restored database hands out, at its first
  change, a version above every one used before (the version is at least the time in ms).
  Entries stored under the restored version itself may hold content up to
  ``PORTAL_CONTENT_VERSION_MAX_AGE`` newer than the backup: a restore clears the caches.
- With the database unreachable a process keeps serving under the last version it read (cached
  pages keep being served while PostgreSQL is down) and tries the database again after
  ``PORTAL_CONTENT_VERSION_MAX_AGE``. A process that never read it serves nothing from the
  cache (``DatabaseError`` from ``content_version``).
- The version's row is locked from a bump until its transaction ends: changes readers see are
  serialised at their bump. Keep those transactions short.

Import direction: Django only; the model is read through the app registry.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

SHARED_CACHE_BACKENDS = ("RedisCache", "PyMemcacheCache", "PyLibMCCache", "DatabaseCache")

VERSION_KEY = "cms.content-version"
CHANGED_AT_KEY = "cms.content-changed-at"
DEFAULT_MAX_AGE = 0.5  # seconds; see PORTAL_CONTENT_VERSION_MAX_AGE


@dataclass(frozen=True)
class Known:
    version: int
    changed_at: int
    read_at: float  # time.monotonic()


# What this process last read from the database (committed), shared by its threads.
_known = None
# A thread that bumped the version in a transaction still open sees its own, uncommitted,
# version; nobody else may (another thread would store the old content under it).
_local = threading.local()


def cache_is_shared():
    """Whether every app process sees the same cache (and so the same cached entries)."""
    from django.conf import settings

    return settings.CACHES.get("default", {}).get("BACKEND", "").endswith(SHARED_CACHE_BACKENDS)


def max_age():
    from django.conf import settings

    return getattr(settings, "PORTAL_CONTENT_VERSION_MAX_AGE", DEFAULT_MAX_AGE)


def _model():
    from django.apps import apps

    return apps.get_model("cms", "ContentVersion")


def _read():
    """(version, changed_at) from the database; (0, 0) before the first bump."""
    row = _model().objects.filter(pk=1).values_list("version", "changed_at").first()
    return row or (0, 0)


def content_version():
    """(version, changed_at): the content version this process serves under, and when the
    content last changed. Raises ``DatabaseError`` only if the database was never reachable."""
    global _known
    if getattr(_local, "pending", False):
        if connection.in_atomic_block:
            if _local.own is None:
                _local.own = _read()
            return _local.own
        _local.pending, _local.own = False, None
    known = _known
    now = time.monotonic()
    if known is None or now - known.read_at >= max_age():
        try:
            version, changed_at = _read()
        except DatabaseError as error:
            if known is None:
                raise
            logger.warning("Content version not read, serving under %s: %r", known.version, error)
            version, changed_at = known.version, known.changed_at
            # The database may have been dropped mid-transaction: leave the connection usable.
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
        known = _known = Known(version, changed_at, now)
    return known.version, known.changed_at


def forget():
    """Read the version from the database at the next request (after a commit, in tests)."""
    global _known
    _known = None
    _local.pending, _local.own = False, None


def _copy_to_cache():
    """After commit: forget the version known to this process and copy the new one into the
    shared cache (informational; a cache error is ignored by the cache backend)."""
    forget()
    try:
        version, changed_at = content_version()
    except DatabaseError:
        return
    cache.set_many({VERSION_KEY: version, CHANGED_AT_KEY: changed_at}, timeout=None)


def bump_content_version():
    """Move to a new content version in the current transaction (at once outside one)."""
    from django.db.models import F, Value
    from django.db.models.functions import Greatest

    now = time.time()
    model = _model()
    values = {"version": Greatest(F("version") + 1, Value(int(now * 1000))), "changed_at": int(now)}
    if not model.objects.filter(pk=1).update(**values):
        # No row (a flushed test database): the first bump creates it.
        with transaction.atomic():
            model.objects.get_or_create(pk=1)
        model.objects.filter(pk=1).update(**values)
    if connection.in_atomic_block:
        _local.pending, _local.own = True, None
        transaction.on_commit(_copy_to_cache)
    else:
        _copy_to_cache()
