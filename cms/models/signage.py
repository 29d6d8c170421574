"""Digital signage: named boards (screens in buildings and public places) and the items editors
put on them, each shown only inside its display window.

The public API serves a board's current items at ``/api/v1/signage/<board>/``. An item shows
either an article (only while the article is live and public) or a short text of its own.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.caching.invalidation import invalidates_content


@invalidates_content
class SignageBoard(ClusterableModel):
    """A screen, or a group of identical screens, known to the API by its slug."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The board's name in the API address: /api/v1/signage/<slug>/."),
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    width = models.PositiveIntegerField(
        _("screen width (pixels)"),
        default=1920,
        validators=[MinValueValidator(160), MaxValueValidator(3840)],
    )
    height = models.PositiveIntegerField(
        _("screen height (pixels)"),
        default=1080,
        validators=[MinValueValidator(90), MaxValueValidator(2160)],
    )
    seconds_per_item = models.PositiveIntegerField(
        _("seconds per item"),
        default=15,
        validators=[MinValueValidator(3), MaxValueValidator(600)],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("location"),
        MultiFieldPanel(
            [FieldPanel("width"), FieldPanel("height"), FieldPanel("seconds_per_item")],
            heading=_("Screen"),
        ),
        InlinePanel("items", heading=_("Items to display"), label=_("Item")),
    ]

    class Meta:
        verbose_name = _("signage board")
        verbose_name_plural = _("signage boards")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def image_spec(self):
        return f"fill-{self.width}x{self.height}"


@invalidates_content
class SignageItem(Orderable):
    """One item of a board, shown from ``starts_at`` until ``ends_at`` (open-ended when empty)."""

    board = ParentalKey(SignageBoard, related_name="items", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "cms.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Shown only while the article is published; its title and lead are used "
            "when the fields below are empty."
        ),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    text = models.CharField(_("short text"), max_length=280, blank=True)
    image = models.ForeignKey(
        "cms.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(
        _("link / QR code target"),
        max_length=500,
        blank=True,
        help_text=_("Defaults to the article's address."),
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(_("show until"), null=True, blank=True)

    panels = [
        FieldPanel("article"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("link_url"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signage item")
        verbose_name_plural = _("signage items")

    def __str__(self):
        return self.title or str(self.article or "")

    def clean(self):
        super().clean()
        errors = {}
        if not self.article_id and not self.title:
            errors["title"] = _("Give a title or choose an article.")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end of the display window must be after its start.")
        if errors:
            raise ValidationError(errors)
