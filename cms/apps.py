from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import checks, signals  # noqa: F401 - checks registers the system checks
        from cms.caching import invalidation

        # The models declared themselves when cms.models was imported (invalidates_content).
        invalidation.connect()
        signals.connect()
