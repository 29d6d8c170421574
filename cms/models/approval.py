"""What readers may be told about a page's approval ("accountability"), written by the review
side when a page goes live.

``cms`` never imports ``editorial``: the approval ledger (``editorial``) writes one
``PageApproval`` row per page each time the page goes live through review; the public API only
reads it. Until the ledger exists the row is absent and the API says ``null``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageApproval(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="public_approval",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by_role = models.CharField(
        _("approved by (role)"),
        max_length=100,
        blank=True,
        help_text=_("The approver's role (e.g. chief editor), never a person's name."),
    )

    class Meta:
        verbose_name = _("public approval record")
        verbose_name_plural = _("public approval records")

    def __str__(self):
        return f"{self.page_id}: {self.approved_at}"
