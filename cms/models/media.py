"""Image and document models: alt text is required, photo credit is kept with the image."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from cms.caching.invalidation import invalidates_content


@invalidates_content
class PortalImage(AbstractImage):
    # Wagtail's own "description" is the alt text; here it may not be left empty, so every image
    # a reader meets has a text alternative (accessibility by construction).
    description = models.CharField(
        verbose_name=_("alt text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    credit = models.CharField(verbose_name=_("credit"), max_length=255, blank=True)
    # Read by the content checks (editorial.content_checks): a picture of identifiable people
    # needs a record of their consent or of the public event it was taken at.
    shows_identifiable_people = models.BooleanField(
        verbose_name=_("shows identifiable people"), default=False
    )
    people_note = models.CharField(
        verbose_name=_("consent or public-event note"),
        max_length=500,
        blank=True,
        help_text=_(
            "Who agreed to the photo being published, or the public event it was taken at."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "shows_identifiable_people",
        "people_note",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        return self.description


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@invalidates_content
class PortalDocument(AbstractDocument):
    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]
