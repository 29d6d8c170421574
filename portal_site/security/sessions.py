"""Session timestamps: when the user logged in, was last seen, last proved who they are."""

import logging
import time
from datetime import UTC, datetime

from django.utils import timezone

from portal_site.client_ip import client_ip

from .models import SessionRevocation

logger = logging.getLogger("portal.security")

AUTH_AT = "portal_auth_at"
SEEN_AT = "portal_seen_at"
REAUTH_AT = "portal_reauth_at"


def stamp_new_session(sender, request, user, **kwargs):
    """``user_logged_in`` receiver. Django has already given the session a new key."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    request.session[REAUTH_AT] = now
    logger.info("login user=%s ip=%s", user.pk, client_ip(request))


def mark_reauthenticated(request):
    request.session[REAUTH_AT] = time.time()


def reauthenticated_recently(request, max_age):
    return time.time() - request.session.get(REAUTH_AT, 0) <= max_age


def end_sessions(user, *, by=None):
    """End every session of ``user`` (on their next request), whatever the session backend."""
    SessionRevocation.objects.update_or_create(user=user, defaults={"revoked_at": timezone.now()})
    logger.warning("sessions ended user=%s by=%s", user.pk, getattr(by, "pk", None))


def revoked_since(user_id, auth_at):
    started = datetime.fromtimestamp(auth_at, tz=UTC)
    return SessionRevocation.objects.filter(user_id=user_id, revoked_at__gte=started).exists()
