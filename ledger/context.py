"""The current request, so ledger entries made from signals know the IP and user agent.

``LedgerRequestMiddleware`` keeps the request in a ``ContextVar`` for the duration of the view.
The client address is ``REMOTE_ADDR``; ``X-Forwarded-For`` is believed only when the immediate
peer is listed in ``settings.EDITORIAL_LEDGER_TRUSTED_PROXIES`` (empty by default).
"""

import ipaddress
from contextvars import ContextVar

from django.conf import settings

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


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_ip(request):
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    trusted = set(getattr(settings, "EDITORIAL_LEDGER_TRUSTED_PROXIES", ()))
    if not remote or remote not in trusted:
        return remote
    # Walk the chain from the nearest hop; the first address not a trusted proxy is the client.
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
    for hop in reversed(hops):
        address = _valid_ip(hop)
        if not address:
            return remote
        if address not in trusted:
            return address
    return remote


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:1000]


def request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return user
    return None
