"""The status history of a citizen report in its moderation form (read only)."""

from wagtail.admin.panels import Panel


class StatusHistoryPanel(Panel):
    """The recorded status changes of a report, oldest first (read only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "citizen_reports/admin/status_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["changes"] = (
                self.instance.status_changes.select_related("changed_by")
                if self.instance.pk
                else []
            )
            return context
