"""Middleware scoped to ``/api/``: HEAD as GET, one JSON shape for every 4xx, compression.

Compression (zstd, brotli, gzip, by the client's Accept-Encoding) is limited to the API: its
responses hold no secret next to reader-controlled text, so BREACH does not apply, whereas the
HTML forms (citizen reports, page passwords, the admin) carry CSRF tokens.
"""

import hashlib

from compression_middleware.middleware import CompressionMiddleware
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _

from cms.api.http import error_response

API_PREFIX = "/api/"
V2_PREFIX = "/api/v2/"

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}

_REPLACED_HEADERS = {"content-type", "content-length", "content-encoding", "cache-control"}


def _messages():
    return {
        400: _("The request is not valid."),
        403: _("Access to this resource is not allowed."),
        404: _("Nothing was found at this address."),
        405: _("This method is not allowed here; the API is read-only."),
        412: _("The resource has changed since the version the request refers to."),
    }


def _conditional_v2(request, response):
    """ETag / 304 for Wagtail's /api/v2/ (v1 views handle conditional requests themselves)."""
    if response.status_code != 200 or response.streaming or response.has_header("ETag"):
        return response
    etag = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


class ApiResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.compression = CompressionMiddleware(get_response)

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        response = self.get_response(request)
        if request.path.startswith(V2_PREFIX) and request.method == "GET":
            response = _conditional_v2(request, response)
        status = response.status_code
        content_type = response.get("Content-Type", "")
        if 400 <= status < 500 and not content_type.startswith("application/json"):
            original = response
            response = error_response(
                status,
                _CODES.get(status, "client_error"),
                _messages().get(status, _("The request is not valid.")),
            )
            for header, value in original.items():
                if header.lower() not in _REPLACED_HEADERS:
                    response[header] = value
        response = self.compression.process_response(request, response)
        if is_head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
