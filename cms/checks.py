"""System checks of ``cms``."""

from django.conf import settings
from django.core.checks import Warning, register

from cms.caching.version import cache_is_shared

# Production refuses to start without a shared cache (portal_site.settings.production).


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
