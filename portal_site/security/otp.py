"""Second factor on django-otp: TOTP (RFC 6238) devices and single-use recovery codes."""

import io
import logging

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger("portal.security")

RECOVERY_DEVICE_NAME = "recovery"


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user):
    """The unconfirmed device being enrolled; its secret stays the same across page loads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


def qr_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def base32_secret(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def verify_code(user, code):
    """The device that accepts ``code`` (TOTP or recovery code), or None.

    The device row is locked while it checks, so one TOTP code cannot be accepted twice by
    concurrent requests (django-otp refuses a time step at or before the last one used).
    A recovery code is deleted when used.
    """
    code = "".join((code or "").split())
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit():
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
            device = device.first()
            if device is not None and device.verify_token(code):
                return device
        for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code.lower()):
                logger.warning("recovery code used user=%s", user.pk)
                return device
    return None


def confirm_enrolment(user, device, code):
    """Confirm ``device`` with its first code; replace any earlier TOTP device. True if valid."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token("".join((code or "").split())):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    logger.warning("second factor enrolled user=%s", user.pk)
    return True


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones, to be shown once.

    django-otp stores static tokens as they are (like the TOTP secret beside them); each is
    random and deleted when used.
    """
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.PORTAL_RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    logger.warning("recovery codes issued user=%s", user.pk)
    return codes


def remove_second_factor(user, *, by=None):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.warning("second factor removed user=%s by=%s", user.pk, getattr(by, "pk", None))


def mark_verified(request, device):
    """Record the verified device in the session, under a new session key (privilege change)."""
    otp_login(request, device)
    request.session.cycle_key()


def forget_verification(request):
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
