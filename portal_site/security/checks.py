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
