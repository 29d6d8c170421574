"""Account policy of the editorial roles: who must use a second factor.

Named by ``PORTAL_SECOND_FACTOR_POLICY`` and called by ``portal_site.security``; it fails
closed: any group other than the reporters', and any admin access without a group, needs one.
"""

from django.conf import settings

from editorial import roles


def requires_second_factor(user):
    if not settings.PORTAL_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = set(user.groups.values_list("name", flat=True))
    if groups - {roles.REPORTERS}:
        return True
    if roles.REPORTERS in groups:
        return settings.PORTAL_REQUIRE_2FA_FOR_REPORTERS
    return user.has_perm("wagtailadmin.access_admin")
