"""Admin views: second-factor prompt and enrolment, re-authentication, recovery codes,
and the administrators' side (login lockouts, ending a user's sessions, resetting 2FA)."""

import logging

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import otp, sessions
from .forms import CodeForm, EnrolmentForm, ReauthenticationForm
from .middleware import redirect_with_next, requires_second_factor

logger = logging.getLogger("portal.security")

USER_ADMIN_PERMISSION = "auth.change_user"


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def render(request, template, context, status=200):
    context = {"next": next_url(request), **context}
    return TemplateResponse(request, template, context, status=status)


@login_required
def verify(request):
    """Second step of signing in: a TOTP or recovery code."""
    if request.user.is_verified():
        return redirect(next_url(request))
    if otp.confirmed_totp(request.user) is None:
        return redirect_with_next("security_2fa_setup", request)
    form = CodeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp.mark_verified(request, form.device)
        sessions.mark_reauthenticated(request)
        return redirect(next_url(request))
    if request.method == "POST":
        logger.warning("second factor failed user=%s", request.user.pk)
    return render(request, "security/verify.html", {"form": form})


@login_required
def setup(request):
    """Enrolment: scan the QR code, confirm with a first code, receive recovery codes."""
    device = otp.pending_totp(request.user)
    form = EnrolmentForm(request.user, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp.mark_verified(request, device)
        sessions.mark_reauthenticated(request)
        codes = otp.new_recovery_codes(request.user)
        messages.success(request, _("Two-factor authentication is on."))
        return render(request, "security/recovery_codes.html", {"codes": codes})
    context = {
        "form": form,
        "qr_svg": otp.qr_svg(device),
        "secret": otp.base32_secret(device),
        "replacing": otp.confirmed_totp(request.user) is not None,
        "required": requires_second_factor(request.user),
    }
    return render(request, "security/setup.html", context)


@login_required
def manage(request):
    """The user's own second-factor page (from the account menu)."""
    from django_otp.plugins.otp_static.models import StaticToken

    context = {
        "device": otp.confirmed_totp(request.user),
        "recovery_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
        "required": requires_second_factor(request.user),
    }
    return render(request, "security/manage.html", context)


@login_required
@require_POST
def recovery_codes(request):
    if otp.confirmed_totp(request.user) is None:
        return redirect("security_2fa_setup")
    codes = otp.new_recovery_codes(request.user)
    return render(request, "security/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def reset(request):
    """Remove the user's own second factor; if it is required they enrol again at once."""
    otp.remove_second_factor(request.user, by=request.user)
    otp.forget_verification(request)
    messages.warning(request, _("Two-factor authentication has been removed."))
    if requires_second_factor(request.user):
        return redirect("security_2fa_setup")
    return redirect("security_2fa_manage")


@login_required
def reauthenticate(request):
    form = ReauthenticationForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        sessions.mark_reauthenticated(request)
        return redirect(next_url(request))
    return render(request, "security/reauth.html", {"form": form})


# --- Administrators ---------------------------------------------------------------------


def require_user_admin(request):
    if not request.user.has_perm(USER_ADMIN_PERMISSION):
        raise PermissionDenied


def lockouts(request):
    """Accounts and addresses currently locked out, with an unlock button each."""
    require_user_admin(request)
    if request.method == "POST":
        pk = request.POST.get("attempt", "")
        if not pk.isdigit():
            raise Http404
        attempt = get_object_or_404(AccessAttempt, pk=pk)
        logger.warning(
            "lockout cleared username=%s ip=%s by=%s",
            attempt.username,
            attempt.ip_address,
            request.user.pk,
        )
        attempt.delete()
        messages.success(request, _("Unlocked."))
        return redirect("security_lockouts")
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    return TemplateResponse(
        request,
        "security/lockouts.html",
        {"attempts": attempts.order_by("-attempt_time"), "limit": settings.AXES_FAILURE_LIMIT},
    )


def user_security(request, pk):
    """An administrator ends a user's sessions or removes their second factor (lost phone)."""
    require_user_admin(request)
    target = get_object_or_404(get_user_model(), pk=pk)
    if target.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "end_sessions":
            sessions.end_sessions(target, by=request.user)
            messages.success(request, _("All sessions of this user have been ended."))
        elif action == "reset_2fa":
            otp.remove_second_factor(target, by=request.user)
            sessions.end_sessions(target, by=request.user)
            messages.success(
                request,
                _("The second factor of this user has been removed and their sessions ended."),
            )
        else:
            messages.error(request, _("Unknown action."))
        return redirect("security_user", pk=target.pk)
    context = {"target": target, "device": otp.confirmed_totp(target)}
    return TemplateResponse(request, "security/user_security.html", context)
