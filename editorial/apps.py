"""How content reaches readers: roles, review, the publish guard, content checks, the ledger.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_ledger_triggers(sender, using, **kwargs):
    """A dropped trigger comes back with the next migrate (and after a test flush), and the
    append function follows the current schema."""
    from django.db import connections

    from editorial.ledger import append, triggers

    connection = connections[using]
    if triggers.TABLE in connection.introspection.table_names():
        triggers.install(connection)
        append.install(connection)


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from editorial import guard, handlers, system_checks  # noqa: F401
        from editorial.content_checks import gate
        from editorial.ledger import capture
        from editorial.models import HarmfulContentReport
        from editorial.report_admin import ReportPermissionPolicy

        guard.connect()
        gate.connect()
        handlers.connect()
        handlers.replace_wagtail_review_emails()
        register_permission_policy(
            HarmfulContentReport, ReportPermissionPolicy(HarmfulContentReport)
        )
        capture.connect()
        self._add_trail_panel()
        post_migrate.connect(
            _reinstall_ledger_triggers, sender=self, dispatch_uid="editorial.ledger.triggers"
        )

    @staticmethod
    def _add_trail_panel():
        """The article editor's settings tab shows the approval trail (cms cannot import it)."""
        from cms.models import ArticlePage
        from editorial.panels import ApprovalTrailPanel

        if not any(isinstance(p, ApprovalTrailPanel) for p in ArticlePage.settings_panels):
            ArticlePage.settings_panels = [*ArticlePage.settings_panels, ApprovalTrailPanel()]
