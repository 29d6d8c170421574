"""Citizen reports of harmful content: the public form (/phan-anh/), its moderation in the
admin and the working-day deadlines.

Import direction: ``citizen_reports`` may import ``cms`` and ``editorial``; ``cms`` never
imports it (the site footer links to the form through a URL name, see ``cms/templates/base.html``).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenReportsConfig(AppConfig):
    name = "citizen_reports"
    verbose_name = _("Citizen reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from citizen_reports.admin_views import ReportPermissionPolicy
        from citizen_reports.models import HarmfulContentReport

        register_permission_policy(
            HarmfulContentReport, ReportPermissionPolicy(HarmfulContentReport)
        )
