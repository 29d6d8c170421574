"""The moderation queue of citizen reports in the admin (menu "Phản ánh thông tin xấu độc").

Listing shows no contact details; the edit form shows them, read only, to holders of
``editorial.view_reporter_contact``. Reports come only from the public form: nobody adds one
here.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from editorial.models import HarmfulContentReport


class ReportEditView(generic.EditView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()


class ReportCreateView(generic.CreateView):
    """Reports come only from the public form, which gives the citizen a tracking code."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class HarmfulContentReportViewSet(ModelViewSet):
    model = HarmfulContentReport
    icon = "warning"
    menu_label = _("Harmful content reports")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "phan-anh"
    edit_view_class = ReportEditView
    add_view_class = ReportCreateView
    list_display = ["__str__", "category", "status", "assignee", "due_at", "overdue_label"]
    list_filter = ["status", "category", "assignee"]
    search_fields = ["description", "link"]
    ordering = ["due_at"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_queryset(self, request):
        return HarmfulContentReport.objects.select_related("assignee")


report_viewset = HarmfulContentReportViewSet("harmful_content_reports")
