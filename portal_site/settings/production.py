"""Production: every secret from the environment; passes ``manage.py check --deploy`` cleanly."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool, env_list

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment to a random value of at least 50 characters "
        "in production (e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))'). "
        "/ Cần đặt biến môi trường SECRET_KEY (ngẫu nhiên, tối thiểu 50 ký tự) khi chạy production."
    )

# The ledger's signing key stays outside the database: without it, anyone who can write to the
# database could append entries indistinguishable from the portal's own (docs/ledger.md).
LEDGER_SIGNING_KEY = os.environ.get("LEDGER_SIGNING_KEY", "")
LEDGER_SIGNING_KEY_FILE = os.environ.get("LEDGER_SIGNING_KEY_FILE", "")
if not LEDGER_SIGNING_KEY and not (
    LEDGER_SIGNING_KEY_FILE and os.path.isfile(LEDGER_SIGNING_KEY_FILE)
):
    raise ImproperlyConfigured(
        "LEDGER_SIGNING_KEY (the ledger's Ed25519 key: 64 hex digits or a PEM) or "
        "LEDGER_SIGNING_KEY_FILE (a readable file holding it) must be set in production "
        "(create one with: python manage.py ledger_key --generate FILE). "
        "/ Cần đặt LEDGER_SIGNING_KEY hoặc LEDGER_SIGNING_KEY_FILE (khóa ký nhật ký duyệt bài) "
        "khi chạy production."
    )

DEBUG = False
# Commands that must not write into a live portal by accident check this (generate_articles).
PORTAL_ENVIRONMENT = "production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the portal's host names in production (comma-separated). "
        "/ Cần đặt biến môi trường ALLOWED_HOSTS khi chạy production."
    )
# Every cached lookup, listing total, API response and page is kept under a content version in
# the default cache (cms.caching). With a per-process cache a publish, or a page or document
# made private, would be seen only by the process that made the change: the others would go
# on serving the old content. So production does not start without the shared cache.
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must point to the Redis that every app process shares in production "
        "(e.g. redis://127.0.0.1:6379/0). "
        "/ Cần đặt biến môi trường REDIS_URL (Redis dùng chung cho mọi tiến trình) khi chạy "
        "production."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are only accepted by browsers over HTTPS, for the exact host, with Path=/.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Staff who review, publish, administer or audit must use a second factor (SECURITY.md).
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
