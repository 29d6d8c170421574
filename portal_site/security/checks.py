from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.PORTAL_REQUIRE_2FA:
        return []
    return [
        Warning(
            "PORTAL_REQUIRE_2FA is off: staff who publish, review, administer or audit can sign "
            "in with a password alone.",
            hint="Leave PORTAL_REQUIRE_2FA unset (true) in production.",
            id="security.W001",
        )
    ]


@register(Tags.security)
def one_proxy_configuration(app_configs, **kwargs):
    if settings.PORTAL_TRUSTED_PROXIES and settings.PORTAL_PROXY_COUNT:
        return [
            Warning(
                "PORTAL_TRUSTED_PROXIES and PORTAL_PROXY_COUNT are both set: the client's address "
                "is found with the trusted proxies and PORTAL_PROXY_COUNT is ignored.",
                hint="Unset PORTAL_PROXY_COUNT (or PORTAL_TRUSTED_PROXIES).",
                id="security.W002",
            )
        ]
    return []
