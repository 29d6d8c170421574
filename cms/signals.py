"""Receivers that keep stored content safe whatever path writes it (see cms.sanitize,
cms.tags and cms.image_metadata). Connected in ``CmsConfig.ready``."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from taggit.models import Tag
from wagtail.models import Page, Revision

from cms.image_metadata import strip_uploaded_file
from cms.models import PortalImage
from cms.sanitize import mark_sanitised, sanitize_page, sanitize_revision_content
from cms.tags import give_fallback_slug


def clean_page_html(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sanitize_page(instance)


def clean_revision_html(sender, instance, **kwargs):
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None:
        instance.content = sanitize_revision_content(model, instance.content)
        mark_sanitised(instance)


def strip_image_metadata(sender, instance, **kwargs):
    strip_uploaded_file(instance)


def connect():
    pre_save.connect(clean_page_html, dispatch_uid="cms.clean_page_html")
    pre_save.connect(clean_revision_html, sender=Revision, dispatch_uid="cms.clean_revision_html")
    pre_save.connect(give_fallback_slug, sender=Tag, dispatch_uid="cms.tag_fallback_slug")
    pre_save.connect(
        strip_image_metadata, sender=PortalImage, dispatch_uid="cms.strip_image_metadata"
    )
