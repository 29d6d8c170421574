"""Signing in through the real admin login view, and codes from a real TOTP device."""

import time

from django_otp.oath import TOTP

from tests.factories import TEST_PASSWORD

LOGIN_URL = "/admin/login/"


def admin_login(client, username, password=TEST_PASSWORD, **extra):
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def totp_code(device, *, offset_steps=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def age_session(client, **seconds_ago):
    """Move the named session timestamps (``auth_at=``, ``seen_at=``, ``reauth_at=``) back."""
    from portal_site.security import sessions

    keys = {
        "auth_at": sessions.AUTH_AT,
        "seen_at": sessions.SEEN_AT,
        "reauth_at": sessions.REAUTH_AT,
    }
    session = client.session
    for name, ago in seconds_ago.items():
        session[keys[name]] = time.time() - ago
    session.save()


def is_refused(response):
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] in ("/admin/", "/admin")
