"""Shared fixtures. Tests run against the database of DATABASE_URL (PostgreSQL in CI)."""

import os
import uuid

import pytest
from django.db import connection

from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_content_version():
    """Each test's database starts from the same content version (its changes roll back): the
    version this process remembers from the previous test is forgotten, and so is any Redis
    failure it remembers (portal_site.cache)."""
    from cms.caching import version
    from portal_site import cache as portal_cache

    version.forget()
    portal_cache.reset()
    yield
    version.forget()


@pytest.fixture(autouse=True)
def _ledger_triggers_out_of_the_way_of_flush(request):
    """Transactional tests end with a flush (TRUNCATE / DELETE FROM every table), which the
    approval ledger's triggers refuse. Drop them just before; the flush's post_migrate signal
    installs them again (ledger.apps)."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        from ledger import triggers

        triggers.drop(connection)


REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def redis_cache(settings):
    """The default cache in Redis (DB 7) as production configures it (``REDIS_URL``), under a
    key prefix of this test's own, removed afterwards. Skipped without Redis, except in CI."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed at {REDIS_URL} in CI")
        pytest.skip(f"needs a shared cache: no Redis at {REDIS_URL}")
    prefix = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "portal_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def home(db):
    return factories.make_home()


@pytest.fixture
def news_section(home):
    return factories.make_section(home, "Tin tức - Sự kiện", show_in_menus=True)


@pytest.fixture
def requires_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal "
            "(CI does) to run it"
        )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "postgres" in item.keywords:
            item.fixturenames.insert(0, "requires_postgres")
