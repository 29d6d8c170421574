"""The current request, so ledger entries made from signals know the IP and user agent.

``LedgerRequestMiddleware`` keeps the request in a ``ContextVar`` for the duration of the view.
The client address is ``portal_site.client_ip.client_ip`` (the portal's one answer, configured
by ``PORTAL_TRUSTED_PROXIES`` / ``PORTAL_PROXY_COUNT``).
"""

from contextvars import ContextVar

_current_request = ContextVar("editorial_ledger_request", default=None)


def current_request():
    return _current_request.get()


class LedgerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:1000]


def request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return user
    return None
