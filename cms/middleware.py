"""Request-scoped lookups for the public site (``cms.caching.lookups``).

``PublicLookupsMiddleware`` opens the per-request memo and hands Wagtail the site serving the
request from the cached site list (``wagtail_compat.remember_site``: ``Site.find_for_request``
then returns it), so neither costs a query.
"""

from cms.caching import lookups
from portal_site import wagtail_compat


class PublicLookupsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with lookups.request_scope():
            wagtail_compat.remember_site(request, lookups.find_site(request))
            return self.get_response(request)


class RejectInvalidInputMiddleware:
    """400 for a path or query string no page can answer: a NUL byte (``/the/%00/``,
    ``?path=/%00/``), which PostgreSQL refuses in any text and would turn into a 500. Under
    ``PORTAL_API_PATH_PREFIXES`` the answer is the API's JSON error (``cms.api.http``), elsewhere
    a short text. Placed right after ``SecurityMiddleware``: before the page cache and any
    database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_invalid_input(request):
            return invalid_input_response(request)
        return self.get_response(request)


def _has_invalid_input(request):
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in name or any("\x00" in value for value in values)
        for name, values in request.GET.lists()
    )


def is_api_request(request):
    from django.conf import settings

    return request.path.startswith(tuple(settings.PORTAL_API_PATH_PREFIXES))


def invalid_input_response(request):
    from django.http import HttpResponseBadRequest
    from django.utils.cache import patch_cache_control
    from django.utils.translation import gettext as _

    from cms.api.http import error_response

    message = _(
        "The address contains characters that are not allowed. Check the link and try again."
    )
    if is_api_request(request):
        return error_response(400, "invalid_input", message)
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
