from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "portal_site.security"
    label = "security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in
        from PIL import Image

        from portal_site import wagtail_compat

        from . import checks  # noqa: F401  (registers the system checks)
        from .sessions import stamp_new_session

        user_logged_in.connect(stamp_new_session, dispatch_uid="portal_security_stamp_session")
        # Compare views that open for any stored text, exports without formulas.
        wagtail_compat.apply_patches()
        # Renditions are decoded by Pillow too: the same pixel ceiling as uploads, so an image
        # that slipped past validation still cannot exhaust memory when resized.
        if settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
