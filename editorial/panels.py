"""The approval trail as a read-only panel in the page editor (settings tab of articles)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from editorial.ledger import actions


class ApprovalTrailPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Approval trail"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/panels/approval_trail.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from editorial.models import LedgerEntry

            context = super().get_context_data(parent_context)
            entries = list(LedgerEntry.objects.for_page(self.instance.pk))
            for entry in entries:
                entry.action_label = actions.label(entry.action)
            context["entries"] = entries
            if self.request.user.has_perm("editorial.view_ledgerentry"):
                context["trail_url"] = reverse("editorial_ledger:trail", args=[self.instance.pk])
            return context
