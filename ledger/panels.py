"""The approval trail of an article in its editor's settings tab (read only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ledger import actions

VIEW_PERMISSION = "ledger.view_ledgerentry"


class ApprovalTrailPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Approval trail"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "ledger/panels/approval_trail.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from ledger.models import LedgerEntry

            context = super().get_context_data(parent_context)
            entries = list(LedgerEntry.objects.for_page(self.instance.pk))
            for entry in entries:
                entry.action_label = actions.label(entry.action)
                log_data = (entry.extra or {}).get("log_data") or {}
                entry.acknowledged_warnings = log_data.get("acknowledged_warnings") or []
            context["entries"] = entries
            if self.request.user.has_perm(VIEW_PERMISSION):
                context["trail_url"] = reverse("editorial_ledger:trail", args=[self.instance.pk])
            return context
