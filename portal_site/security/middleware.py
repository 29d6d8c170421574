"""Request gates for staff: session lifetime, second factor, re-authentication; CSP by area.

Order in ``MIDDLEWARE``: ``AreaContentSecurityPolicyMiddleware`` right after Django's
``ContentSecurityPolicyMiddleware`` (so it picks the policy before Django writes the header);
``SessionLifetimeMiddleware`` after authentication and messages; ``StaffAuthenticationMiddleware``
after django-otp's ``OTPMiddleware``.
"""

import time
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import sessions


def admin_prefix():
    return reverse("wagtailadmin_home")


def is_api_path(path):
    return any(path.startswith(prefix) for prefix in settings.PORTAL_API_PATH_PREFIXES)


class AreaContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Pick the CSP of the area a response belongs to: public site, admin, or API.

    Django's middleware then writes the header (with the request's nonce). Responses that
    set their own policy (Wagtail's image and document views) keep it.
    """

    def process_response(self, request, response):
        if hasattr(response, "_csp_config"):
            return response
        path = request.path_info
        if path.startswith(admin_prefix()):
            response._csp_config = settings.PORTAL_CSP_ADMIN
        elif is_api_path(path):
            response._csp_config = settings.PORTAL_CSP_API
        return response


class SessionLifetimeMiddleware:
    """Log out a session idle for longer than ``PORTAL_SESSION_IDLE_TIMEOUT``, older than
    ``PORTAL_SESSION_MAX_AGE``, or begun before an administrator ended the user's sessions."""

    # Writing the session on every request would cost a write per click; a minute's
    # precision is enough for a 30-minute idle timeout.
    SEEN_AT_RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = self.expiry_reason(request)
            if reason:
                logout(request)
                messages.warning(request, reason)
                if is_api_path(request.path_info):
                    return JsonResponse({"detail": reason}, status=401)
            else:
                now = time.time()
                if now - request.session.get(sessions.SEEN_AT, 0) >= self.SEEN_AT_RESOLUTION:
                    request.session[sessions.SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def expiry_reason(request):
        now = time.time()
        auth_at = request.session.get(sessions.AUTH_AT)
        seen_at = request.session.get(sessions.SEEN_AT, auth_at)
        if auth_at is None or now - auth_at > settings.PORTAL_SESSION_MAX_AGE:
            return _("Your session has expired. Please sign in again.")
        if now - seen_at > settings.PORTAL_SESSION_IDLE_TIMEOUT:
            return _("You were signed out after a period of inactivity. Please sign in again.")
        if sessions.revoked_since(request.user.pk, auth_at):
            return _("An administrator has ended your sessions. Please sign in again.")
        return None


@cache
def second_factor_policy(path):
    return import_string(path)


def requires_second_factor(user):
    return second_factor_policy(settings.PORTAL_SECOND_FACTOR_POLICY)(user)


# Views a user who still owes a second factor may reach: the second-factor pages and logout.
SECOND_FACTOR_EXEMPT = {
    "security_2fa_verify",
    "security_2fa_setup",
    "security_reauth",
    "wagtailadmin_logout",
    "wagtailadmin_login",
}

# Views that change e-mail, password or second factor: a recent password (and code) first.
REAUTH_REQUIRED = {
    "wagtailadmin_account",
    "security_2fa_setup",
    "security_2fa_manage",
    "security_2fa_recovery_codes",
    "security_2fa_reset",
}


class StaffAuthenticationMiddleware(MiddlewareMixin):
    """Admin and API access for signed-in users: second factor, then step-up for account changes.

    - A user whom the policy requires to use a second factor and who has not verified one in
      this session reaches no admin or API view: HTML requests go to enrolment (no device yet)
      or to the code prompt; API requests get 403.
    - Views in ``REAUTH_REQUIRED`` (and the user's own edit page) need a password (and code)
      entered within ``PORTAL_REAUTH_MAX_AGE`` seconds.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        path = request.path_info
        in_admin = path.startswith(admin_prefix())
        in_api = is_api_path(path)
        if not (in_admin or in_api):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""

        if (
            view_name not in SECOND_FACTOR_EXEMPT
            and not user.is_verified()
            and requires_second_factor(user)
        ):
            if in_api:
                return JsonResponse(
                    {"detail": _("Two-factor authentication is required.")}, status=403
                )
            target = "security_2fa_verify" if user_has_device(user) else "security_2fa_setup"
            return redirect_with_next(target, request)

        needs_reauth = view_name in REAUTH_REQUIRED or (
            view_name == "wagtailusers_users:edit" and str(view_kwargs.get("pk")) == str(user.pk)
        )
        if needs_reauth and not sessions.reauthenticated_recently(
            request, settings.PORTAL_REAUTH_MAX_AGE
        ):
            return redirect_with_next("security_reauth", request)
        return None


def redirect_with_next(view_name, request):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
