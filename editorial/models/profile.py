"""A member of staff's job title, copied into every ledger entry they cause."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    title = models.CharField(
        _("job title"),
        max_length=255,
        blank=True,
        help_text=_("For example: Deputy head of the editorial board."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.title or str(self.user)
