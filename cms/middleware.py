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
