"""Whole public pages for anonymous readers, kept in the cache that every app process shares.

Contract of ``AnonymousPageCacheMiddleware``:

- Active only when the default cache is shared between processes
  (``cms.caching.version.cache_is_shared``: Redis, required in production) and
  ``PORTAL_PAGE_CACHE_SECONDS`` is above 0. With a per-process cache a publish would bump the
  content version in one process only, and the others would go on serving the old page.
- Serves and stores only GET (HEAD is answered from a stored GET) from readers without a session
  cookie, outside ``PORTAL_PAGE_CACHE_EXCLUDED_PATHS``, ``STATIC_URL`` and ``MEDIA_URL``. Signed-in
  staff get pages of their own, and a password-restricted page keeps its pass in the session.
- Stores only a response that is the same for every reader of one language: status 200, not
  streaming, no cookie set, no ``Cache-Control: private/no-store/no-cache``, no ``Vary`` but on
  ``Cookie``, and neither the CSRF token nor the CSP nonce used while it was rendered (a shared
  copy would hand one reader's token or nonce to everybody).
- One entry per scheme, host, language, path and the query parameters a public page reads
  (``PAGE_PARAMETERS``); any other parameter (``?r=<random>``, tracking tags) is dropped from
  the request before the view sees it, so it hits the same entry and renders the same page,
  and made-up parameters can neither bypass the cache nor fill Redis. The language is the
  language cookie as ``PortalLocaleMiddleware`` reads it (``cms.language.reader_language``):
  with no session, the only cookie a page depends on, which is why ``Vary: Cookie`` on every
  page does not prevent sharing it.
- Each entry carries the content version it was rendered under (read before rendering) and is
  served only while that version is current, as this process knows it from the database
  (``cms.caching.version``: at most ``PORTAL_CONTENT_VERSION_MAX_AGE`` old). Every change
  readers can see bumps the version in its transaction (``cms.caching.invalidation``), so every
  process stops serving the old page within that time, whatever Redis holds; the time to live
  only bounds how long unused entries take up memory. A process that cannot read the version
  (the database down since it started) serves nothing from the cache.
- A hit costs one cache round trip and no database query, session or authentication (the
  version read is one primary-key query per process every ``PORTAL_CONTENT_VERSION_MAX_AGE``).
- A cache error is a miss (``portal_site.cache``).

Place in ``MIDDLEWARE``: right after ``SecurityMiddleware``. A stored response then carries the
Content-Security-Policy header the CSP middleware (inside) wrote for that very HTML, and the
security middleware's headers are added to every response, from the cache or not.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csp import get_nonce

from cms.caching import version as content
from cms.language import reader_language

CACHE_HEADER = "X-Portal-Cache"
KEY_PREFIX = "cms.page."
_UNSHARED_DIRECTIVES = {"private", "no-store", "no-cache"}
# The query parameters public pages read (every other one is ignored by the page cache):
# ``page`` the listings' pagination (sections, tags, search; ``cms.listings.paginate``),
# ``q`` the search words and ``sap-xep`` the search order (``cms.views.search``), ``p`` the
# sitemap's pages past 50,000 URLs (``django.contrib.sitemaps.views.sitemap``). A page type
# that reads a new parameter adds it here, or its variants would be served one another's page.
PAGE_PARAMETERS = frozenset({"page", "q", "sap-xep", "p"})


def cache_seconds(request):
    """How long to keep this request's page, or 0 if the cache must not be used for it."""
    if request.method not in ("GET", "HEAD"):
        return 0
    seconds = getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)
    if seconds <= 0 or not content.cache_is_shared():
        return 0
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return 0
    if request.path_info.startswith(tuple(settings.PORTAL_PAGE_CACHE_EXCLUDED_PATHS)):
        return 0
    file_urls = (settings.STATIC_URL, settings.MEDIA_URL)
    if any(url and url.startswith("/") and request.path.startswith(url) for url in file_urls):
        return 0
    return seconds


def keep_page_parameters(request):
    """Drop from ``request`` every query parameter no public page reads (``PAGE_PARAMETERS``):
    the view renders, and the cache keys, the page as if they had not been sent."""
    if not request.GET or set(request.GET) <= PAGE_PARAMETERS:
        return
    kept = request.GET.copy()
    for name in list(kept):
        if name not in PAGE_PARAMETERS:
            del kept[name]
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def page_key(request):
    query = "&".join(
        f"{name}={value}" for name in sorted(request.GET) for value in request.GET.getlist(name)
    )
    parts = (request.scheme, request.get_host(), reader_language(request), request.path, query)
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _tokens(header_value):
    return {
        token.split("=", 1)[0].strip().lower()
        for token in (header_value or "").split(",")
        if token.strip()
    }


def is_shareable(request, response):
    """Whether ``response`` is the same for every anonymous reader of its language."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if _tokens(response.get("Cache-Control")) & _UNSHARED_DIRECTIVES:
        return False
    if _tokens(response.get("Vary")) - {"cookie"}:
        return False
    # django.middleware.csrf.get_token() (the {% csrf_token %} tag calls it) sets this key; it
    # stays in META after CsrfViewMiddleware has set the cookie and reset the flag to False.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    # LazyNonce is true only once the nonce was generated, i.e. put in the page or the header.
    return not get_nonce(request)


def replay(entry, *, head):
    _version, status, headers, body = entry
    response = HttpResponse(b"" if head else body, status=status, headers=headers)
    response["Content-Length"] = str(len(body))
    response[CACHE_HEADER] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds(request)
        if not seconds:
            return self.get_response(request)
        try:
            version = content.content_version()[0]
        except DatabaseError:  # never reached the database: nothing is known to be current
            return self.get_response(request)
        keep_page_parameters(request)
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None and entry[0] == version:
            return replay(entry, head=request.method == "HEAD")

        response = self.get_response(request)
        # A HEAD response may lack the body that a GET of the same page would have.
        if request.method == "GET" and is_shareable(request, response):
            headers = list(response.items())
            cache.set(key, (version, response.status_code, headers, response.content), seconds)
        response[CACHE_HEADER] = "miss"
        return response
