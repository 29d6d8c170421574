"""How content reaches readers: roles, review, the publish guard, content checks.

Import direction: ``editorial`` may import ``cms`` and ``ledger``; ``cms`` never imports
``editorial``.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import guard, handlers, system_checks, visibility  # noqa: F401
        from editorial.content_checks import gate

        visibility.register()
        guard.connect()
        gate.connect()
        handlers.connect()
        handlers.replace_wagtail_review_emails()
