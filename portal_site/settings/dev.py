"""Local development: ``make run``. SQLite under ``var/`` unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
PORTAL_SERVE_MEDIA = True
# seed_demo, generate_articles, import_article (not installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# The ledger's signing key: generated on first use into var/ unless the environment gives one.
LEDGER_SIGNING_KEY_FILE = os.environ.get("LEDGER_SIGNING_KEY_FILE") or str(
    VAR_DIR / "ledger-signing.key"  # noqa: F405
)
LEDGER_SIGNING_KEY_GENERATE = True
# A development anchor file stays removable (no chattr +a).
LEDGER_ANCHOR_APPEND_ONLY = False
