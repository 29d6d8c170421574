"""System checks of the editorial app's configuration."""

from django.conf import settings
from django.core.checks import Warning, register

LEDGER_MIDDLEWARE = "editorial.ledger.context.LedgerRequestMiddleware"


@register("editorial")
def check_ledger_middleware(app_configs, **kwargs):
    if LEDGER_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Warning(
            "The approval ledger cannot record IP addresses and user agents.",
            hint=f"Add {LEDGER_MIDDLEWARE!r} to MIDDLEWARE after AuthenticationMiddleware.",
            id="editorial.W001",
        )
    ]
