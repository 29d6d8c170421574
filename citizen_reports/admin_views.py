"""The moderation queue of citizen reports in the admin (menu "Phản ánh thông tin xấu độc").

Listing shows no contact details; the edit form shows them, read only, to holders of
``citizen_reports.view_reporter_contact``. Reports come only from the public form: nobody adds one
here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from citizen_reports.models import HarmfulContentReport


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")


class ReportEditView(generic.EditView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody (a superuser included) adds a report here: reports
    come only from the public form, which gives the citizen a tracking code. Registered for the
    model in ``CitizenReportsConfig.ready``."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class HarmfulContentReportViewSet(ModelViewSet):
    model = HarmfulContentReport
    icon = "warning"
    menu_label = _("Harmful content reports")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "phan-anh"
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    list_display = ["__str__", "category", "status", "assignee", "due_at", "overdue_label"]
    list_filter = ["status", "category", "assignee"]
    search_fields = ["description", "link"]
    ordering = ["due_at"]
    inspect_view_enabled = False
    copy_view_enabled = False


report_viewset = HarmfulContentReportViewSet("harmful_content_reports")
