"""System checks of ``cms``."""

from django.conf import settings
from django.core.checks import Warning, register

from cms.api.freshness import cache_is_shared


@register()
def api_response_cache_is_shared(app_configs, **kwargs):
    """A per-process cache would keep serving old API responses in the processes that did not
    see the publish: the content version must live in a cache all processes share."""
    if not getattr(settings, "PORTAL_API_RESPONSE_CACHE", False):
        return []
    if cache_is_shared():
        return []
    return [
        Warning(
            "PORTAL_API_RESPONSE_CACHE is on but the default cache is not shared between "
            "processes; API responses may stay stale in other processes.",
            hint="Set REDIS_URL, or turn PORTAL_API_RESPONSE_CACHE off.",
            id="cms.W001",
        )
    ]


@register(deploy=True)
def cache_is_shared_in_production(app_configs, **kwargs):
    """Site lookups (menu, view restrictions, settings), listing totals and responses are kept
    under a content version in the default cache. With a per-process cache, a publish or a new
    view restriction is seen only by the process that made it: the others keep serving the
    old menu, totals and, worse, a page that has just been made private."""
    if cache_is_shared():
        return []
    return [
        Warning(
            "The default cache is not shared between processes: after a change, processes "
            "other than the one that made it keep serving old lookups (menu, view "
            "restrictions, listing totals).",
            hint="Set REDIS_URL (one Redis for every app process).",
            id="cms.W002",
        )
    ]
