"""The production stack (nginx + granian + worker) in real processes, on spare ports.

The processes use the test database (PostgreSQL only: SQLite's test database lives in the
test process's memory) and a Redis database of their own (``PORTAL_TEST_REDIS_URL``).
Skipped without nginx or PostgreSQL, except in CI.
"""

import os
import secrets
import socket
import urllib.request

import pytest

from tests.conftest import REDIS_URL


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _skip_or_fail(reason):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def database_url():
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        _skip_or_fail("the production stack tests need PostgreSQL (DATABASE_URL)")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{db['NAME']}"
    )


def production_env(tmp_path, **extra):
    """Production settings over plain HTTP on loopback, behind nginx on the same machine."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        LEDGER_SIGNING_KEY=secrets.token_hex(32),  # production refuses to start without it
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"portal-ops-{secrets.token_hex(4)}",
        SECURE_SSL_REDIRECT="0",
        PORTAL_TRUSTED_PROXIES="127.0.0.1",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORTAL_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra)
    return env


def get(url, timeout=3.0):
    """(status, body) of a GET; raises on a timeout or a refused connection."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def stack_factory(transactional_db, tmp_path):
    from portal_site.operations.stack import Stack, nginx_binary

    if nginx_binary() is None:
        _skip_or_fail("nginx is not installed (apt-get install nginx-light)")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        _skip_or_fail(f"no Redis at {REDIS_URL}")
    started = []

    def make(app_hosts=1, workers=2, **kwargs):
        env = production_env(tmp_path)
        for sub in ("static", "media", "var"):
            (tmp_path / sub).mkdir(exist_ok=True)
        stack = Stack(
            prefix=tmp_path / "nginx",
            listen=free_port(),
            app_ports=[free_port() for _ in range(app_hosts)],
            env=env,
            workers=workers,
            **kwargs,
        )
        started.append(stack)
        return stack.start()

    yield make
    for stack in started:
        stack.stop()
