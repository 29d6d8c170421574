"""Verification of information taken from a social network, recorded by an editor.

An article whose source type is "social network" cannot be approved at any stage until a
complete verification exists: the original post's address, a note on how it was verified
and at least two corroborating sources on distinct hosts, none of them the original post's.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

MIN_CORROBORATING_SOURCES = 2


def host_of(url):
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def independent_hosts(original_post_url, urls):
    """Distinct websites among ``urls``, not counting the original post's own."""
    original = host_of(original_post_url)
    return len({host_of(url) for url in urls if host_of(url) and host_of(url) != original})


class SourceVerificationForm(WagtailAdminModelForm):
    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        urls = [
            form.cleaned_data["url"]
            for form in self.formsets["sources"].forms
            if form.cleaned_data.get("url") and not form.cleaned_data.get("DELETE")
        ]
        original = self.cleaned_data.get("original_post_url", "")
        if independent_hosts(original, urls) < MIN_CORROBORATING_SOURCES:
            self.add_error(
                None,
                _(
                    "Give at least two corroborating sources on different websites, "
                    "other than the original post's."
                ),
            )
            return False
        return True


class SourceVerification(ClusterableModel):
    page = models.ForeignKey(
        "cms.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    original_post_url = models.URLField(_("original post URL"), max_length=1000)
    note = models.TextField(
        _("verification note"), help_text=_("How the information was checked, with whom.")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    base_form_class = SourceVerificationForm

    panels = [
        FieldPanel("page"),
        FieldPanel("original_post_url"),
        FieldPanel("note"),
        InlinePanel(
            "sources",
            heading=_("Corroborating sources"),
            label=_("Source"),
            min_num=MIN_CORROBORATING_SOURCES,
        ),
    ]

    class Meta:
        verbose_name = _("source verification")
        verbose_name_plural = _("source verifications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page.title} — {self.original_post_url}"

    def is_complete(self):
        return bool(
            self.original_post_url
            and self.note.strip()
            and independent_hosts(self.original_post_url, [s.url for s in self.sources.all()])
            >= MIN_CORROBORATING_SOURCES
        )


class CorroboratingSource(Orderable):
    verification = ParentalKey(SourceVerification, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("URL"), max_length=1000)
    description = models.CharField(_("what it confirms"), max_length=500, blank=True)

    panels = [FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("corroborating source")
        verbose_name_plural = _("corroborating sources")
