"""Settings come from the environment; production refuses to start without its secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides):
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
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


def test_production_settings_pass_the_deploy_check():
    key = secrets.token_urlsafe(64)
    result = run_check(
        {
            "SECRET_KEY": key,
            "ALLOWED_HOSTS": "cong.example.gov.vn",
            "REDIS_URL": "redis://127.0.0.1:6379/0",  # production's shared cache (cms.W002)
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
