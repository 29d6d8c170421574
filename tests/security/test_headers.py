"""Security headers and cookie flags on public, admin and API responses; the production
settings as they are (read in a subprocess, as ``manage.py`` would load them)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from editorial import roles
from tests import factories
from tests.security.helpers import admin_login

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal_site.settings.production",
    "ALLOWED_HOSTS": "cong.example.gov.vn",
    # Production shares one cache between processes (and refuses to start without it).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # Production refuses to start without the ledger's signing key (RFC 8032's test vector).
    "LEDGER_SIGNING_KEY": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
}
PRODUCTION_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "PORTAL_REQUIRE_2FA",
]


def run_manage(*args):
    env = {**os.environ, **PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(64)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def production():
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_host_prefixed_secure_httponly_samesite(production):
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert production["SECURE_SSL_REDIRECT"]
    assert production["PORTAL_REQUIRE_2FA"] is True


@pytest.fixture
def production_cookies(settings, production):
    for name in PRODUCTION_SETTINGS:
        setattr(settings, name, production[name])
    settings.PORTAL_REQUIRE_2FA = False  # login cookies only; 2FA has its own tests
    return settings


def test_login_sets_host_prefixed_secure_cookies(client, production_cookies):
    factories.make_user("bientap", roles.EDITORS)
    client.get("/admin/login/", secure=True)
    response = admin_login(client, "bientap", secure=True)
    assert response.status_code == 302
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/", name
        assert not cookie["domain"], name
    assert "Strict-Transport-Security" in response.headers


def test_hsts_on_https_responses(client, production_cookies, home):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part.strip()}


def test_public_pages_forbid_inline_script_and_framing(client, home):
    response = client.get("/")
    assert response.status_code == 200
    common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"] == ["'self'"]  # no template used a nonce
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]


def test_public_search_and_404_carry_the_public_policy(client, home):
    for url in ("/tim-kiem/?q=thong+bao", "/khong-co-trang-nay/"):
        response = client.get(url)
        common_headers(response)
        assert directives(response)["frame-ancestors"] == ["'none'"], url


def test_admin_pages_have_the_admin_policy(client):
    client.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    for url in ("/admin/login/", "/admin/", "/admin/pages/", "/admin/images/"):
        response = client.get(url)
        common_headers(response)
        csp = directives(response)
        assert csp["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["form-action"] == ["'self'"], url
        assert csp["frame-ancestors"] == ["'self'"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_api_paths_have_a_policy_that_renders_nothing(client, home):
    response = client.get("/api/v2/pages/")
    common_headers(response)
    assert directives(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}


def test_admin_responses_with_a_session_are_not_cached(client):
    client.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    response = client.get("/admin/")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_template_that_uses_the_nonce_gets_it_in_the_header(rf, settings):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.template import engines
    from django.template.response import TemplateResponse

    template = engines["django"].from_string('<script nonce="{{ csp_nonce }}">1</script>')

    def view(request):
        return TemplateResponse(request, template, {}).render()

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    nonce = response.text.split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
