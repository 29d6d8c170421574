"""A change to the review rules waiting for a second administrator (``editorial.governance``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernanceProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second administrator")
        CONFIRMED = "confirmed", _("Confirmed and applied")
        REJECTED = "rejected", _("Rejected")

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    # The admin view the change was made in (its URL), for people; the change itself is
    # ``before`` → ``after``: the governed state (``editorial.governance.governed_state``) of
    # every object it touches, keyed "workflow:3", "task:5", "group:2", "user:7"; null for an
    # object that did not exist before or would not exist after.
    source = models.CharField(_("made in"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("governance change proposal")
        verbose_name_plural = _("governance change proposals")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"#{self.pk} {self.summary[:80]}"
