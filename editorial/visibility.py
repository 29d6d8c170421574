"""What a reporter sees of other people's drafts in the admin: nothing.

Wagtail's admin lists pages through one permission policy (``explorable_instances``): the page
explorer, the admin's page search and the admin API (``/admin/api/main/pages/``, listing and
detail) all ask it. ``ReviewPagePermissionPolicy`` is that policy, registered for ``Page`` with
Wagtail's public ``register_permission_policy`` (``EditorialConfig.ready``): for an account
whose only review role is the reporters', pages that were never published and that another
person created are left out, so their titles never reach the reporter (issue 15). Editors,
chief editors, administrators and superusers see every draft they may review.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial import roles


def is_reporter_only(user):
    """Whether ``user``'s only editorial role is the reporters' (one query)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return roles.REPORTERS in names and not (names & (set(roles.ALL_ROLES) - {roles.REPORTERS}))


class ReviewPagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if is_reporter_only(user):
            pages = pages.exclude(Q(live=False) & ~Q(owner=user))
        return pages


def register():
    from wagtail.models import Page
    from wagtail.permissions import register_permission_policy

    register_permission_policy(Page, ReviewPagePermissionPolicy(Page))
