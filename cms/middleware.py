"""Request-scoped lookups for the public site (``cms.lookups``).

``PublicLookupsMiddleware`` opens the per-request memo and hands Wagtail the site serving the
request from the cached site list (``request._wagtail_site``, which ``Site.find_for_request``
honours), so neither costs a query.
"""

from cms import lookups


class PublicLookupsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with lookups.request_scope():
            request._wagtail_site = lookups.find_site(request)
            return self.get_response(request)
