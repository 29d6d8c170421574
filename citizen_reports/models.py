"""Citizen reports of harmful content ("phản ánh thông tin xấu độc") and their moderation.

A report is found again only by its tracking code, which the citizen sees once; the database
keeps its SHA-256, so neither the table nor an id reveals a code. Every status change is
recorded (``ReportStatusChange``) by ``HarmfulContentReport.save`` itself, whichever path
changes it; the admin form names the person (``status_changed_by``). The first response is due
``REPORT_RESPONSE_WORKING_DAYS`` working days after receipt (``citizen_reports.working_days``).

The reporter's contact details are shown only to holders of ``view_reporter_contact`` (the
moderation group, granted by editorial's migration 0003).

The tables keep the names they had when the models were editorial's (``db_table``).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citizen_reports.panels import StatusHistoryPanel
from citizen_reports.working_days import add_working_days

REPORT_RESPONSE_WORKING_DAYS = 2
TRACKING_CODE_BYTES = 16  # 128 bits: not guessable, 22 URL-safe characters


class ReportCategory(models.TextChoices):
    FALSE_INFORMATION = "false_information", _("False or distorted information")
    FRAUD = "fraud", _("Scam or fraud")
    CHILD_ABUSE = "child_abuse", _("Harm to children")
    VIOLENCE_HATE = "violence_hate", _("Violence, hatred or incitement")
    DEFAMATION = "defamation", _("Insult or defamation of a person or organisation")
    IMPERSONATION = "impersonation", _("Impersonation of an agency or person")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CHECKING = "checking", _("Being checked")
    FORWARDED = "forwarded", _("Forwarded to the competent agency")
    HANDLED = "handled", _("Handled")
    NOT_ACTIONABLE = "not_actionable", _("Not actionable")


def hash_tracking_code(code):
    return hashlib.sha256(code.strip().encode()).hexdigest()


class HarmfulContentReportQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """Reports still waiting for their first response after the due date."""
        return self.filter(first_response_at__isnull=True, due_at__lt=now or timezone.now())

    def by_tracking_code(self, code):
        if not code or len(code) > 100:
            return self.none()
        return self.filter(tracking_hash=hash_tracking_code(code))


class HarmfulContentReport(models.Model):
    tracking_hash = models.CharField(max_length=64, unique=True, editable=False)
    link = models.URLField(_("link to the content"), max_length=2000)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=30, choices=ReportCategory)
    contact_name = models.CharField(_("name"), max_length=255, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus, default=ReportStatus.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forwarded_to = models.CharField(
        _("forwarded to"),
        max_length=255,
        blank=True,
        help_text=_("The competent agency the report was sent to."),
    )
    moderator_note = models.TextField(_("internal note"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    due_at = models.DateTimeField(
        _("first response due"),
        help_text=_("Two working days after receipt unless changed."),
    )
    first_response_at = models.DateTimeField(_("first response"), null=True, editable=False)

    objects = HarmfulContentReportQuerySet.as_manager()

    panels = [
        FieldPanel("link", read_only=True),
        FieldPanel("category", read_only=True),
        FieldPanel("description", read_only=True),
        FieldPanel(
            "contact_name", read_only=True, permission="citizen_reports.view_reporter_contact"
        ),
        FieldPanel(
            "contact_email", read_only=True, permission="citizen_reports.view_reporter_contact"
        ),
        FieldPanel(
            "contact_phone", read_only=True, permission="citizen_reports.view_reporter_contact"
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("assignee"),
                FieldPanel("due_at"),
                FieldPanel("forwarded_to"),
                FieldPanel("moderator_note"),
            ],
            heading=_("Handling"),
        ),
        StatusHistoryPanel(heading=_("Status history")),
    ]

    class Meta:
        ordering = ["due_at", "pk"]
        db_table = "editorial_harmfulcontentreport"
        verbose_name = _("harmful content report")
        verbose_name_plural = _("harmful content reports")
        permissions = [("view_reporter_contact", "Can see the contact details of reporters")]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_status = self.status if self.pk else None
        #: who changes the status in this save (the admin form sets it)
        self.status_changed_by = None

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:60]}"

    @classmethod
    def new_tracking_code(cls):
        return secrets.token_urlsafe(TRACKING_CODE_BYTES)

    @classmethod
    def receive(cls, **fields):
        """Store a new report; returns (report, tracking code). The code is not stored."""
        code = cls.new_tracking_code()
        now = timezone.now()
        report = cls.objects.create(
            tracking_hash=hash_tracking_code(code),
            received_at=now,
            due_at=add_working_days(now, REPORT_RESPONSE_WORKING_DAYS),
            **fields,
        )
        return report, code

    @property
    def is_overdue(self):
        return self.first_response_at is None and self.due_at < timezone.now()

    def overdue_label(self):
        return _("Overdue") if self.is_overdue else ""

    overdue_label.short_description = _("Overdue")

    def save(self, *args, **kwargs):
        old, new = self._saved_status, self.status
        changed = old is not None and old != new
        if changed and self.first_response_at is None and old == ReportStatus.RECEIVED:
            self.first_response_at = timezone.now()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if changed:
                ReportStatusChange.objects.create(
                    report=self,
                    from_status=old,
                    to_status=new,
                    changed_by=self.status_changed_by,
                )
        self._saved_status = new


class ReportStatusChange(models.Model):
    report = models.ForeignKey(
        HarmfulContentReport, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ReportStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        db_table = "editorial_reportstatuschange"
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class SubmissionAttempt(models.Model):
    """One report submission, by a hash of the client's address: the rate limit's record when
    the shared cache cannot count (``citizen_reports.views.allow_submission``). Rows older than
    the limit's window are deleted as new ones come in."""

    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")

    def __str__(self):
        return f"{self.client[:8]} {self.at:%Y-%m-%d %H:%M}"
