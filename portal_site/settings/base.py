"""Settings shared by every environment.

Everything that differs between machines is read from the environment:

- ``DATABASE_URL``: any URL dj-database-url understands; SQLite under ``var/`` when unset.
- ``SECRET_KEY``: required in production (see ``production.py``).
- ``ALLOWED_HOSTS``: comma-separated host names.
- ``REDIS_URL``: when set, the cache lives in Redis (shared by all processes), else memory.
- ``MEDIA_ROOT`` / ``MEDIA_URL`` / ``MEDIA_STORAGE_BACKEND``: uploaded files.
- ``PORTAL_BASE_URL``: the public address, used in e-mails, feeds and the admin.
- ``PORTAL_TRUSTED_PROXIES`` / ``PORTAL_PROXY_COUNT`` / ``CLIENT_IP_HEADER``: the client's
  address behind reverse proxies (``portal_site.client_ip``).
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(*names):
    """IP addresses or networks (CIDR) listed in the named variables; a wrong one stops start-up."""
    entries = [entry for name in names for entry in env_list(name)]
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{names[0]}: {entry!r} is not an IP address or network (CIDR). "
                f"/ {names[0]}: {entry!r} không phải địa chỉ IP hay dải mạng (CIDR)."
            ) from None
    return entries


def meta_key(header):
    """``request.META`` key of an HTTP header: "X-Real-IP" and "HTTP_X_REAL_IP" alike."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") else f"HTTP_{key}"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "portal_site.security",
    # The task queue (django-tasks-db), periodic work, backups and restores.
    "portal_site.operations",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # After wagtail.admin (replaces its review e-mails), before wagtail (its publish_scheduled).
    "editorial",
    # The approval ledger (editorial's events feed it) and the public report form. The demo
    # data app ("demo") is added by the dev and test settings only: production has no use for it.
    "ledger",
    "citizen_reports",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "ninja",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # 400 for a NUL byte in the path or query, before anything reads them (cms.middleware).
    "cms.middleware.RejectInvalidInputMiddleware",
    # Right after SecurityMiddleware: stored pages carry the CSP header written inside.
    "cms.caching.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal_site.security.middleware.AreaContentSecurityPolicyMiddleware",
    "cms.api.middleware.ApiResponseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal_site.middleware.PortalLocaleMiddleware",
    "cms.middleware.PublicLookupsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ledger.context.LedgerRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "editorial.middleware.EditorialRefusalMiddleware",
    "portal_site.security.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal_site.security.middleware.StaffAuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.middleware.AuditorPermissionDeniedMiddleware",
    # Inside the admin's transaction (EditorialRefusalMiddleware): a governed change made by an
    # administrator becomes a proposal a second administrator confirms (editorial.governance).
    "editorial.governance.GovernanceMiddleware",
    # A name edited on /admin/account/ waits for an administrator (editorial.governance).
    "editorial.governance.AccountNameMiddleware",
]

ROOT_URLCONF = "portal_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal_site.wsgi.application"

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A persistent connection the server dropped (restart, failover) is replaced at the
        # start of the next request instead of failing it.
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # A server that does not answer is an error (503, cached pages still served) after this
    # long, not a request hanging for the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    )
else:
    # SQLite: wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work -------------------------------------------------------------------------
# One persistent queue in the database (django-tasks-db), run by ``manage.py run_worker``
# (``make run`` starts it next to the server; deploy/portal-worker.service in production):
# search-index updates after the page's transaction commits, review e-mails, and every minute
# scheduled publishing and expiry, report reminders, ledger anchoring (docs/operations.md).
TASKS = {"default": {"BACKEND": "portal_site.operations.tasks_backend.DatabaseBackend"}}
# A failed task is enqueued again after 1, 2, 4 ... minutes until it has failed this many times
# (periodic tasks are not: they run again within the minute). Failures are listed for
# administrators under Reports › Background tasks.
PORTAL_TASK_MAX_ATTEMPTS = int(os.environ.get("PORTAL_TASK_MAX_ATTEMPTS", "5"))

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its redis-py client, a Redis error a miss
            # (see portal_site.cache).
            "BACKEND": "portal_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            # A Redis that is down or stalls is a cache miss after this long, never a hung
            # request; it is then left alone for 2 s (portal_site.cache).
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail writes every rendition it hands out to this cache, on every request. Readers' pages
# and the API always prefetch the renditions they show (cms.listings), so those writes would be
# pure cost (five Redis SETs per article page): renditions are read from the prefetched rows.
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# --- Passwords ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------------
# Vietnamese first; English is available through the language switcher (a cookie), never
# picked silently from the browser's Accept-Language (see portal_site.middleware).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# portal_site/locale completes Wagtail's Vietnamese admin (hand-maintained, see its header).
# Every LOCALE_PATHS catalogue wins over the apps' own (wagtail/*/locale), whatever its place in
# this list; it is kept off the first slot on purpose, because makemessages writes strings that
# belong to no locale directory into LOCALE_PATHS[0], and that must never be this catalogue.
LOCALE_PATHS = [
    BASE_DIR / "cms" / "locale",
    BASE_DIR / "editorial" / "locale",
    BASE_DIR / "ledger" / "locale",
    BASE_DIR / "citizen_reports" / "locale",
    BASE_DIR / "portal_site" / "locale",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.PortalDocument"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No Gravatar: it would send a hash of every staff e-mail to a third party from the admin
# (and the admin's CSP blocks foreign images anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's own sign-in form with a translated "Password" label (portal_site.admin_forms).
WAGTAILADMIN_USER_LOGIN_FORM = "portal_site.admin_forms.LoginForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's Draftail editor, opening a stored body its converter rejects as repaired text instead
# of failing the edit view (cms.editor_html).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "cms.editor_widget.TolerantDraftailRichTextArea"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]
# Raster formats only: SVG can carry script and is refused (portal_site.security.uploads).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal_site.security.uploads.PortalImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal_site.security.uploads.PortalDocumentForm"
# Every document is downloaded, never rendered by the browser in the portal's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
TAGGIT_CASE_INSENSITIVE = True

# modelsearch's database backend, indexing one page in constant time (cms/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
if DATABASE_IS_POSTGRES:
    # simple + unaccent, created by cms/migrations (0002): Vietnamese text matches with or
    # without diacritics. Wagtail's default configuration is accent-sensitive.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal_unaccent"

WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Review before publication (editorial): publishing never cancels a review, and finishing a
# review publishes exactly the content every stage approved.
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.finish.publish_signed_off"

# The review policy the publish guard enforces at every publication, whatever the workflows'
# rows say (editorial.rules.review_policy_failures): at least this many approved stages (never
# fewer than two), the editor stage by a member of the editors' role, the sign-off by a member
# of the chief editors' role, different people, none an author.
EDITORIAL_REVIEW_MIN_STAGES = max(2, int(os.environ.get("EDITORIAL_REVIEW_MIN_STAGES", "2")))
# An approval by an account created, or given its review role, less than this many days before
# is flagged on the approval trail and in the reports (ledger.views, ledger.periodic).
EDITORIAL_FRESH_APPROVER_DAYS = int(os.environ.get("EDITORIAL_FRESH_APPROVER_DAYS", "7"))

# --- The approval ledger (ledger) --------------------------------------------------------------
# What the ledger copies from the editorial side, named here so that ledger imports none of it:
# the editorial roles in the order an actor's roles are listed, the job title (a lookup from the
# user), and the content hash of a revision (the one review approvals pin).
LEDGER_ROLE_ORDER = "editorial.roles.ALL_ROLES"
LEDGER_ACTOR_TITLE_LOOKUP = "staff_profile__title"
LEDGER_REVISION_HASH = "editorial.content.revision_content_hash"
# The review records a review entry claims (``verify_ledger`` checks that each exists): for each
# action, the models (app_label.Model, each with ``page`` and ``content_hash``) and the field of
# the person who acted. Read with django.apps, so ledger imports nothing of editorial.
LEDGER_REVIEW_RECORDS = {
    "portal.review.approve": [("editorial.ReviewApproval", "user")],
    "portal.review.sign_off": [
        ("editorial.ReviewApproval", "user"),
        ("editorial.PublicationClearance", "signed_off_by"),
    ],
}
# The Ed25519 key that signs every entry: never in the database. LEDGER_SIGNING_KEY holds it
# (64 hex digits of the private seed, or a PEM), or LEDGER_SIGNING_KEY_FILE names a file with it.
# Production refuses to start without one (production.py); development generates one on first
# use at LEDGER_SIGNING_KEY_FILE (under var/). LEDGER_RETIRED_PUBLIC_KEYS: hex public keys of
# earlier keys whose signatures still verify after a rotation.
LEDGER_SIGNING_KEY = os.environ.get("LEDGER_SIGNING_KEY", "")
LEDGER_SIGNING_KEY_FILE = os.environ.get("LEDGER_SIGNING_KEY_FILE", "")
LEDGER_SIGNING_KEY_GENERATE = False
LEDGER_RETIRED_PUBLIC_KEYS = env_list("LEDGER_RETIRED_PUBLIC_KEYS")
# The append-only file outside the database that every committed append writes the new head to
# (``chattr +a`` is tried when the file is created); empty: no anchor file (only the log).
LEDGER_ANCHOR_FILE = os.environ.get("LEDGER_ANCHOR_FILE", str(VAR_DIR / "ledger-anchors.jsonl"))
LEDGER_ANCHOR_APPEND_ONLY = True  # try chattr +a on a new anchor file (not in development)

# --- The portal -----------------------------------------------------------------------------
PORTAL_LISTING_PAGE_SIZE = 12
PORTAL_HOME_ARTICLES_PER_SECTION = 4
PORTAL_SEARCH_MAX_QUERY_LENGTH = 200
# The search page counts matches up to this many ("more than 1,000 results") and offers the
# pages up to it: a common word matches much of the archive, and nobody pages past 80.
PORTAL_SEARCH_MAX_COUNTED = 1000
# Citizen reports (citizen_reports.views): submissions per IP (count, seconds), request body cap.
PORTAL_REPORT_RATE_LIMIT = (5, 600)
PORTAL_REPORT_MAX_BODY = 32 * 1024

# Django 6.1 mailers (EMAIL_BACKEND is deprecated). SMTP options come from the environment.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
}
# --- The client's address behind reverse proxies (portal_site.client_ip) -------------------
# One answer for the login lockout, the ledger, the report rate limit and the login log.
# PORTAL_TRUSTED_PROXIES: the proxies' addresses or networks, comma-separated
# ("10.0.0.2,10.1.0.0/16"); from them the forwarding header is believed, read from the right up
# to the first address that is not a trusted proxy. EDITORIAL_LEDGER_TRUSTED_PROXIES is its
# former name and is still read. PORTAL_PROXY_COUNT: when the proxies' addresses are not known,
# the number of proxies in front (the client is that many hops from the right); ignored when
# PORTAL_TRUSTED_PROXIES is set. CLIENT_IP_HEADER: the header ("X-Real-IP" or "HTTP_X_REAL_IP";
# X-Forwarded-For by default). With no proxy configured only REMOTE_ADDR counts.
PORTAL_TRUSTED_PROXIES = env_networks("PORTAL_TRUSTED_PROXIES", "EDITORIAL_LEDGER_TRUSTED_PROXIES")
PORTAL_PROXY_COUNT = int(os.environ.get("PORTAL_PROXY_COUNT", "0"))
if PORTAL_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        "PORTAL_PROXY_COUNT must be 0 or more. / PORTAL_PROXY_COUNT phải từ 0 trở lên."
    )
PORTAL_CLIENT_IP_HEADER = meta_key(os.environ.get("CLIENT_IP_HEADER") or "X-Forwarded-For")

# --- Public content API (cms/api/) ----------------------------------------------------------
# Browser front ends allowed to read /api/ (comma-separated origins, e.g. https://app.example.vn).
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400
# Responses are cached in the Django cache under a content version bumped on every publish,
# unpublish, move or deletion; only worth it (and only correct across processes) with Redis.
# API_RESPONSE_CACHE=0 turns it off (the benchmark's "cold" runs, or to debug).
PORTAL_API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", bool(REDIS_URL))
PORTAL_API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", "300"))
# Whole public pages for anonymous readers (cms.caching.page_cache), under the same content version;
# only with a shared cache (Redis). 0 turns it off. Never under these paths (nor STATIC_URL,
# MEDIA_URL): the admin, the API (cached above), documents, the report form and its status page,
# the language switch, Wagtail's password and login forms for restricted pages.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How old the content version a process serves under may be (cms.caching.version): each
# process reads it from the database at most this often; a change committed elsewhere is served
# within this time. Seconds; at most 1.
PORTAL_CONTENT_VERSION_MAX_AGE = min(
    1.0, float(os.environ.get("CONTENT_VERSION_MAX_AGE_MS", "500")) / 1000
)
# Seconds a reader is asked to wait when the database is unreachable (503 + Retry-After).
PORTAL_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("UNAVAILABLE_RETRY_AFTER", "30"))
PORTAL_PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/api/",
    "/documents/",
    "/phan-anh/",
    "/ngon-ngu/",
    "/_util/",
]
# Cache-Control max-age for anonymous reads (browsers, CDNs); the CDN is purged on publish.
PORTAL_API_MAX_AGE = int(os.environ.get("API_MAX_AGE", "60"))
PORTAL_API_MAX_LIMIT = 100
WAGTAILAPI_LIMIT_MAX = 100  # Wagtail's /api/v2/, same cap as /api/v1/
WAGTAILAPI_SEARCH_ENABLED = True
# Accountability in the API: approval time, role (and name, if the site setting shows names),
# as the ledger writes them on the article. False hides them from the API only.
PORTAL_API_SHOW_APPROVAL = env_bool("API_SHOW_APPROVAL", True)
PORTAL_API_PREVIEW_TOKEN_SECONDS = int(os.environ.get("API_PREVIEW_TOKEN_SECONDS", "600"))
# Wagtail's front-end cache purging (CDN / Varnish): none unless configured. Varnish from the
# environment here; other backends (Cloudflare, CloudFront...) in a settings module.
if os.environ.get("FRONTEND_CACHE_VARNISH_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"],
        }
    }

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Every ledger head anchored is also written to the process log (ledger.anchors).
        "ledger.anchors": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The footer switcher stores the reader's choice here (see portal_site.middleware).
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Staff accounts and hardening (portal_site.security, SECURITY.md) ------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out accounts and IPs before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures and lockouts in the database, not the cache: staff can still sign in (and a lockout
# still holds) while Redis is down (issue 17; tests/faults/test_redis.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Lock out an account, and separately an IP address, after N failures in a row.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = float(os.environ.get("PORTAL_LOGIN_LOCKOUT_HOURS", "1"))  # hours
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # unlocking happens in the Wagtail admin (Cài đặt > Khóa đăng nhập)
# The client's address (behind a proxy: the proxy's header, see below), not REMOTE_ADDR:
# otherwise five failures behind a proxy lock out everyone behind it.
AXES_CLIENT_IP_CALLABLE = "portal_site.client_ip.client_ip"

# Second factor: required for staff who review, publish, administer or audit (the policy is
# editorial.accounts.requires_second_factor); True in production.py.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", False)
PORTAL_REQUIRE_2FA_FOR_REPORTERS = env_bool("PORTAL_REQUIRE_2FA_FOR_REPORTERS", False)
PORTAL_SECOND_FACTOR_POLICY = "editorial.accounts.requires_second_factor"
PORTAL_RECOVERY_CODE_COUNT = 10
# Changing e-mail, password or second factor needs a password (and code) no older than this.
PORTAL_REAUTH_MAX_AGE = int(os.environ.get("PORTAL_REAUTH_MAX_AGE", str(5 * 60)))
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions: idle timeout and absolute lifetime (portal_site.security.middleware).
PORTAL_SESSION_IDLE_TIMEOUT = int(os.environ.get("PORTAL_SESSION_IDLE_TIMEOUT", str(30 * 60)))
PORTAL_SESSION_MAX_AGE = int(os.environ.get("PORTAL_SESSION_MAX_AGE", str(12 * 3600)))
SESSION_COOKIE_AGE = PORTAL_SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Headers. HSTS and Secure cookies are in production.py (they need HTTPS).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PORTAL_CSP_FRAME_SRC = env_list(
    "PORTAL_CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
# The public site: no inline script; one that is ever needed carries nonce="{{ csp_nonce }}"
# (the nonce is added to the header only when a template used it).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": ["'self'"],
    # Wagtail's responsive embeds set an inline style attribute (never script).
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": PORTAL_CSP_FRAME_SRC,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The admin: Wagtail 8's own templates carry inline scripts (inline panels, date pickers)
# without nonces, so inline script is allowed there, but only same-origin sources, no plugins,
# no foreign form targets and no framing by other sites.
PORTAL_CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *PORTAL_CSP_FRAME_SRC],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# JSON APIs: nothing in a response may ever be rendered as a document.
PORTAL_CSP_API = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
PORTAL_API_PATH_PREFIXES = ["/api/"]

# Uploads (portal_site.security.uploads).
PORTAL_DOCUMENT_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
