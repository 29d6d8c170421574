"""The owning agency is a site setting: names and levels change (the 2025 reorganisation
removed district-level government), and one installation may serve a ward or a school."""

import contextlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import SourceImageIOError

from cms.caching.invalidation import invalidates_content


class CachedSiteSettingMixin:
    """Read from the shared cache under the content version (``cms.caching.lookups``): every
    public page shows the agency in its header and footer, and saving a setting bumps the
    version (each setting declares ``invalidates_content``)."""

    @classmethod
    def for_site(cls, site):
        from cms.caching import lookups

        load = super().for_site
        if site is None:
            return load(site)
        return lookups.site_setting(cls, site, lambda: cls.prepare_cached(load(site)))

    @classmethod
    def prepare_cached(cls, instance):
        """Load what templates read from the setting before it is cached (default: nothing)."""
        return instance


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Province / centrally-run city")
    COMMUNE = "commune", _("Commune / ward / special zone")
    DISTRICT = "district", _("District (before 1 July 2025)")
    DEPARTMENT = "department", _("Department or agency")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


@register_setting(icon="site")
@invalidates_content(when_created=False)  # a row created with its defaults changes nothing
class AgencySettings(CachedSiteSettingMixin, BaseSiteSetting):
    name = models.CharField(_("agency name"), max_length=255, default="Ủy ban nhân dân phường")
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(
        _("administrative level"), max_length=20, choices=AgencyLevel, default=AgencyLevel.COMMUNE
    )
    parent_agency = models.CharField(_("parent agency"), max_length=255, blank=True)
    portal_name = models.CharField(
        _("portal name"), max_length=255, default="Cổng thông tin điện tử"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ForeignKey(
        "cms.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_person = models.CharField(
        _("person responsible for content"), max_length=255, blank=True
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("Licence or establishing decision shown in the footer."),
    )

    # The header shows the logo on every page: the image and its rendition are cached with
    # the setting (Wagtail's own rendition cache is off, see settings.CACHES["renditions"]).
    select_related = ["logo"]
    LOGO_SPEC = "height-64"

    @classmethod
    def prepare_cached(cls, instance):
        if instance.logo is not None:
            from django.db.models import Prefetch, prefetch_related_objects

            from cms.models.media import PortalRendition

            prefetch_related_objects(
                [instance.logo],
                Prefetch(
                    "renditions",
                    queryset=PortalRendition.objects.filter(filter_spec=cls.LOGO_SPEC),
                ),
            )
            # Created here once if missing (and added to the prefetched renditions); a missing
            # file is left to the {% image %} tag, which shows its placeholder.
            with contextlib.suppress(SourceImageIOError):
                instance.logo.get_rendition(cls.LOGO_SPEC)
        return instance

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("level"),
                FieldPanel("parent_agency"),
                FieldPanel("logo"),
            ],
            heading=_("Agency"),
        ),
        FieldPanel("portal_name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("licence")],
            heading=_("Legal notice"),
        ),
    ]

    class Meta:
        verbose_name = _("owning agency")
        verbose_name_plural = _("owning agency")

    def __str__(self):
        return self.name


@register_setting(icon="glasses")
@invalidates_content(when_created=False)
class AccountabilitySettings(CachedSiteSettingMixin, BaseSiteSetting):
    """What readers are told about who approved an article (written onto it when it goes live)."""

    show_approval = models.BooleanField(
        _("show who approved each article"),
        default=True,
        help_text=_("Articles show the role that approved them and when."),
    )
    show_approver_name = models.BooleanField(
        _("show the approver's name"),
        default=False,
        help_text=_("Also show the name of the person who approved, not only the role."),
    )

    class Meta:
        verbose_name = _("public accountability")
        verbose_name_plural = _("public accountability")
