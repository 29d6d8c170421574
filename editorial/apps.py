"""How content reaches readers: roles, review, the publish guard, content checks, the ledger.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import guard, handlers, system_checks  # noqa: F401

        guard.connect()
        handlers.connect()
        handlers.replace_wagtail_review_emails()

        from wagtail.permissions import register_permission_policy

        from editorial.models import HarmfulContentReport
        from editorial.report_admin import ReportPermissionPolicy

        register_permission_policy(
            HarmfulContentReport, ReportPermissionPolicy(HarmfulContentReport)
        )
