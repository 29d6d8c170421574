"""The approval ledger's app: capture of editorial events, and the database triggers and append
function that come back with every ``migrate``.

Import direction: ``ledger`` may import ``cms``; ``editorial`` imports ``ledger`` (its signals
feed it); ``cms`` never imports ``ledger``.
"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_triggers_and_append_function(sender, using, **kwargs):
    """A dropped trigger comes back with the next migrate (and after a test flush), and the
    append function follows the current schema."""
    from django.db import connections

    from ledger import append, triggers

    connection = connections[using]
    if append.table() in connection.introspection.table_names():
        triggers.install(connection)
        append.install(connection)


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = _("Approval ledger")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ledger import capture

        capture.connect()
        self._add_trail_panel()
        post_migrate.connect(
            _reinstall_triggers_and_append_function,
            sender=self,
            dispatch_uid="ledger.triggers",
        )

    @staticmethod
    def _add_trail_panel():
        """The article editor's settings tab shows the approval trail (cms cannot import it)."""
        from cms.models import ArticlePage
        from ledger.panels import ApprovalTrailPanel

        if not any(isinstance(p, ApprovalTrailPanel) for p in ArticlePage.settings_panels):
            ArticlePage.settings_panels = [*ArticlePage.settings_panels, ApprovalTrailPanel()]
