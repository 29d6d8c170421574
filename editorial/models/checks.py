"""The editable lists the content checks (editorial.content_checks) read: blocked, partner and
shortener domains, and terms that need a second look. One per installation, in the admin under
Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_SHORTENERS = "\n".join(
    [
        "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
        "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id", "t.ly", "v.gd",
    ]
)  # fmt: skip


def split_lines(text):
    """Non-empty, stripped, lower-cased lines; lines starting with # are comments."""
    return [
        line.strip().lower()
        for line in (text or "").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


@register_setting(icon="warning")
class ContentCheckSettings(BaseGenericSetting):
    blocked_domains = models.TextField(
        _("blocked domains"),
        blank=True,
        help_text=_("One domain a line. A link to it, or to any of its subdomains, is an error."),
    )
    partner_domains = models.TextField(
        _("partner domains"),
        blank=True,
        help_text=_(
            "One domain a line. Official partners, trusted like .gov.vn; a link to any other "
            "domain is a warning a reviewer must acknowledge."
        ),
    )
    shortener_domains = models.TextField(
        _("link shorteners"),
        blank=True,
        default=DEFAULT_SHORTENERS,
        help_text=_("One domain a line. A shortened link hides where it leads: a warning."),
    )
    flagged_terms = models.TextField(
        _("terms that need a second look"),
        blank=True,
        help_text=_("One term or phrase a line, matched without regard to case."),
    )

    panels = [
        FieldPanel("blocked_domains"),
        FieldPanel("partner_domains"),
        FieldPanel("shortener_domains"),
        FieldPanel("flagged_terms"),
    ]

    class Meta:
        verbose_name = _("content checks")
        verbose_name_plural = _("content checks")

    def blocked(self):
        return split_lines(self.blocked_domains)

    def partners(self):
        return split_lines(self.partner_domains)

    def shorteners(self):
        return split_lines(self.shortener_domains)

    def terms(self):
        return split_lines(self.flagged_terms)
