"""HTTP for the public API: cached JSON bodies, ETag / Last-Modified / 304, Cache-Control, and
the one error shape every 4xx uses.

Error shape (stable; clients may rely on ``code``)::

    {"error": {"status": 400, "code": "invalid_parameter", "message": "...", "details": [...]}}
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from cms.caching.version import cache_is_shared, content_version

JSON = "application/json"


def error_body(status, code, message, details=None):
    return {
        "error": {"status": status, "code": code, "message": str(message), "details": details or []}
    }


def error_response(status, code, message, details=None):
    response = HttpResponse(
        json.dumps(error_body(status, code, message, details), ensure_ascii=False),
        status=status,
        content_type=JSON,
    )
    # Errors are cheap to recompute and must never hide a page that appears a moment later.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


class ApiError(Exception):
    """Raised anywhere in a v1 view; turned into the stable JSON error by ``cms.api.v1``."""

    def __init__(self, status, code, message, details=None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def _cache_key(request, version, scope):
    parts = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            "&".join(sorted(f"{k}={v}" for k, values in request.GET.lists() for v in values)),
        ]
    )
    return f"cms.api.r:{scope}:{version}:{hashlib.sha256(parts.encode()).hexdigest()}"


def cached_json(request, build, *, scope="v1", timeout=None, last_modified=None):
    """A JSON response built by ``build()`` (returning bytes), cached under the content version.

    ``timeout`` shortens the cache life (e.g. a signage window that ends sooner);
    ``last_modified`` (a timestamp) overrides the content version's change time.
    """
    version, changed_at = content_version()
    use_cache = settings.PORTAL_API_RESPONSE_CACHE
    lifetime = settings.PORTAL_API_RESPONSE_CACHE_SECONDS
    if timeout is not None:
        lifetime = max(0, min(lifetime, int(timeout)))
    key = _cache_key(request, version, scope)
    entry = cache.get(key) if use_cache else None
    if entry is None:
        body = build()
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        modified = int(max(changed_at, last_modified or 0))
        entry = (body, etag, modified)
        if use_cache and lifetime > 0:
            cache.set(key, entry, lifetime)
    body, etag, modified = entry
    max_age = (
        settings.PORTAL_API_MAX_AGE
        if timeout is None
        else min(settings.PORTAL_API_MAX_AGE, int(timeout))
    )
    # Last-Modified is the time of the last content change, known to every process only when
    # the cache is shared; otherwise another process could answer 304 to a stale client. The
    # ETag (a hash of the body) is right everywhere.
    shared = cache_is_shared()
    response = get_conditional_response(
        request, etag=etag, last_modified=modified if shared else None
    )
    if response is None:
        response = HttpResponse(body, content_type=JSON)
    response["ETag"] = etag
    if shared:
        response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=max(0, max_age))
    return response


def private_json(body):
    """A response for one staff member (draft preview): never stored by any cache."""
    response = HttpResponse(body, content_type=JSON)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
