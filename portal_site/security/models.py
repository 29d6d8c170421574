"""Per-user security state that has to outlive a session."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionRevocation(models.Model):
    """Every session of ``user`` that began before ``revoked_at`` is ended on its next request.

    Works with any session backend (database, cache, signed cookies), unlike deleting rows.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="session_revocation",
        verbose_name=_("user"),
    )
    revoked_at = models.DateTimeField(verbose_name=_("sessions ended at"))

    class Meta:
        verbose_name = _("session revocation")
        verbose_name_plural = _("session revocations")

    def __str__(self):
        return f"{self.user} @ {self.revoked_at:%Y-%m-%d %H:%M:%S}"
