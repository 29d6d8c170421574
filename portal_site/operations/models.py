from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReminder(models.Model):
    """A citizen report whose moderators were reminded that its response is overdue."""

    report = models.OneToOneField(
        "citizen_reports.HarmfulContentReport", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")

    def __str__(self):
        return f"{self.report_id} ({self.sent_at:%Y-%m-%d %H:%M})"


class RestoreRecord(models.Model):
    """A restore from backup: which ledger head the backup held and which later heads it lost.

    ``restore_portal`` writes one into the restored database, so that ``verify_ledger
    --expect-head`` can tell a head lost by this restore (written down after the backup) from a
    rewritten history.
    """

    restored_at = models.DateTimeField(auto_now_add=True)
    backup_name = models.CharField(max_length=255)
    backup_created_at = models.DateTimeField()
    backup_head_seq = models.BigIntegerField(null=True)
    backup_head_hash = models.CharField(max_length=64, blank=True)
    #: [{"seq": n, "hash": "..."}] of every ledger entry the database held before the restore
    #: that the backup does not hold, in order
    lost_heads = models.JSONField(default=list)
    lost_reports = models.IntegerField(default=0)

    class Meta:
        ordering = ["-restored_at"]
        verbose_name = _("restore record")
        verbose_name_plural = _("restore records")

    def __str__(self):
        return f"{self.backup_name} ({self.restored_at:%Y-%m-%d %H:%M})"
