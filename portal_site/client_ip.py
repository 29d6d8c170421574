"""The client's address: the one answer for every part of the portal that asks.

django-axes (``AXES_CLIENT_IP_CALLABLE``), the approval ledger, the citizen-report rate limit and
the login log all call ``client_ip(request)``. Any app may import it; it imports no app of the
portal, and reads its settings on each call, never at import time.

Configuration (``portal_site/settings/base.py``, from the environment):

- ``PORTAL_TRUSTED_PROXIES``: addresses or networks (CIDR) of the reverse proxies in front of
  the application. When the peer (``REMOTE_ADDR``) is one of them, the forwarding header is
  walked from the right, skipping trusted proxies; the first address that is not one is the
  client. Whatever a client writes into the header itself stays to the left of that and is
  never believed.
- ``PORTAL_PROXY_COUNT``: used only when ``PORTAL_TRUSTED_PROXIES`` is empty, for proxies
  whose addresses are not known in advance. Each of the N proxies appends the address it
  received the connection from, so the client is the N-th address from the right. The
  application must then be reachable only through those proxies.
- ``PORTAL_CLIENT_IP_HEADER``: the ``request.META`` key of the forwarding header
  (``HTTP_X_FORWARDED_FOR`` by default, ``HTTP_X_REAL_IP`` for a single proxy that sets it).

With neither configured the header is ignored and the answer is ``REMOTE_ADDR``. The result is
a normalised address string, or ``""`` when no valid address is known.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

__all__ = ["client_ip", "parse_address", "trusted_networks"]


def parse_address(value):
    """An ``ipaddress`` object for one hop (``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80``,
    ``::ffff:1.2.3.4``), or ``None`` when it is not an address."""
    text = (value or "").strip()
    if text.startswith("[") and "]" in text:  # [IPv6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4:port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def trusted_networks(entries):
    """``entries`` (a tuple of addresses or CIDRs) as networks; raises ``ValueError`` on an
    entry that is neither (the settings module refuses such a value at start-up)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _is_trusted(address, networks):
    return any(address in network for network in networks)


def _text(address):
    return str(address) if address is not None else ""


def client_ip(request):
    if request is None:
        return ""
    meta = request.META
    remote = parse_address(meta.get("REMOTE_ADDR", ""))
    networks = trusted_networks(tuple(settings.PORTAL_TRUSTED_PROXIES))
    count = settings.PORTAL_PROXY_COUNT
    header = settings.PORTAL_CLIENT_IP_HEADER
    if not header or not (networks or count > 0):
        return _text(remote)
    hops = [hop for hop in meta.get(header, "").split(",") if hop.strip()]

    if networks:
        if remote is None or not _is_trusted(remote, networks):
            return _text(remote)
        client = remote
        for hop in reversed(hops):
            address = parse_address(hop)
            if address is None:
                # A trusted proxy never writes this: keep the last address a proxy vouched for.
                break
            client = address
            if not _is_trusted(address, networks):
                break
        return _text(client)

    # Proxy count: the header must hold at least one hop per proxy, else it was not written
    # by them and only the peer's own address is known.
    if len(hops) < count:
        return _text(remote)
    address = parse_address(hops[-count])
    return _text(address if address is not None else remote)
