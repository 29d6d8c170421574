"""Settings come from the environment; production refuses to start without its secrets or
without the cache every process shares."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides):
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # The ledger's signing key (production refuses to start without one, tested in
    # tests/ledger/test_ledger_signing.py): RFC 8032's first test vector, never a real key.
    env["LEDGER_SIGNING_KEY"] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "portal_site.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_secret_key_fails_with_a_clear_message():
    result = run_check({"ALLOWED_HOSTS": "cong.example.gov.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_a_short_secret_key_fails():
    result = run_check({"SECRET_KEY": "short", "ALLOWED_HOSTS": "cong.example.gov.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_fails():
    result = run_check({"SECRET_KEY": "x" * 64})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_without_a_shared_cache_refuses_to_start():
    """A per-process cache would let the other processes serve a page or document that was
    just made private: production fails loudly instead of warning."""
    result = run_check({"SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "a.gov.vn"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL must point to the Redis" in result.stderr


def test_production_settings_pass_the_deploy_check():
    key = secrets.token_urlsafe(64)
    result = run_check(
        {
            "SECRET_KEY": key,
            "ALLOWED_HOSTS": "cong.example.gov.vn",
            "REDIS_URL": "redis://127.0.0.1:6379/0",  # production refuses to start without it
        }
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default'].get('SEARCH_CONFIG'))"
    )
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal_site.settings.dev",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
            "REDIS_URL": "redis://127.0.0.1:6379/9",
        }
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "portal_site.cache.RedisCache",
        "portal_unaccent",
    ]


def run_with_env(code, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.endswith(("PROXIES", "PROXY_COUNT"))}
    env.pop("CLIENT_IP_HEADER", None)
    env.update({"DJANGO_SETTINGS_MODULE": "portal_site.settings.test", **env_overrides})
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


AXES_ADDRESS = (
    "from django.conf import settings as s; from django.test import RequestFactory;"
    "from axes.helpers import get_client_ip_address;"
    "r = RequestFactory().get('/', REMOTE_ADDR='10.1.2.3', "
    "HTTP_X_FORWARDED_FOR='192.0.2.1, 198.51.100.1', HTTP_X_REAL_IP='198.51.100.9');"
    "print(s.PORTAL_TRUSTED_PROXIES, s.PORTAL_PROXY_COUNT, s.PORTAL_CLIENT_IP_HEADER);"
    "print(get_client_ip_address(r))"
)


def test_trusted_proxies_come_from_the_environment_under_both_names_and_reach_axes():
    result = run_with_env(
        AXES_ADDRESS,
        {"PORTAL_TRUSTED_PROXIES": "10.0.0.2", "EDITORIAL_LEDGER_TRUSTED_PROXIES": "10.1.0.0/16"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "['10.0.0.2', '10.1.0.0/16'] 0 HTTP_X_FORWARDED_FOR"
    assert lines[-1] == "198.51.100.1"  # django-axes sees the client, not the proxy


def test_proxy_count_and_header_name_come_from_the_environment():
    result = run_with_env(
        AXES_ADDRESS, {"PORTAL_PROXY_COUNT": "1", "CLIENT_IP_HEADER": "X-Real-IP"}
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "[] 1 HTTP_X_REAL_IP"
    assert lines[-1] == "198.51.100.9"


def test_without_proxy_settings_axes_uses_the_peer_address():
    result = run_with_env(AXES_ADDRESS, {})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "10.1.2.3"


def test_a_trusted_proxy_that_is_not_an_address_stops_start_up():
    result = run_with_env("pass", {"PORTAL_TRUSTED_PROXIES": "10.0.0.2,proxy.internal"})
    assert result.returncode != 0
    assert "PORTAL_TRUSTED_PROXIES: 'proxy.internal' is not an IP address" in result.stderr


def test_production_does_not_install_the_demo_data_app():
    """seed_demo, generate_articles and import_article exist in development and tests only."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "from django.conf import settings; print(sorted(settings.INSTALLED_APPS))"
    installed = {}
    for name in ("production", "dev", "test"):
        result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": f"portal_site.settings.{name}",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "cong.example.gov.vn",
                "REDIS_URL": "redis://127.0.0.1:6379/9",
                "LEDGER_SIGNING_KEY": secrets.token_hex(32),
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        installed[name] = result.stdout
    assert "'demo'" not in installed["production"]
    assert "'ledger'" in installed["production"] and "'citizen_reports'" in installed["production"]
    assert "'demo'" in installed["dev"] and "'demo'" in installed["test"]
