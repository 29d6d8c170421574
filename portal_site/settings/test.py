"""Tests: the database from DATABASE_URL (PostgreSQL in CI), SQLite otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run in-process (e-mails land in mail.outbox); tests of the queue itself switch to the
# database backend (tests/ops/test_tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", VAR_DIR / "test-media"))  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True  # the browser tests' server serves static files without collectstatic
PORTAL_SERVE_MEDIA = True
# seed_demo, generate_articles, import_article (not installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# Client.login() in tests calls authenticate() without a request, which django-axes refuses.
AUTHENTICATION_BACKENDS = [
    "portal_site.security.backends.AxesBackendForTests",
    "django.contrib.auth.backends.ModelBackend",
]
# A fixed ledger signing key (RFC 8032's first test vector): never a real one. No anchor file
# unless a test names one (tests/ledger/test_tamper.py).
LEDGER_SIGNING_KEY = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"  # noqa: S105
LEDGER_SIGNING_KEY_FILE = ""
LEDGER_ANCHOR_FILE = ""
