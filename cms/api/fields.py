"""Serializer fields for Wagtail's /api/v2/ declared on page models (``api_fields``)."""

from rest_framework.fields import Field


class PrefetchedTagsField(Field):
    """Tag names, sorted, read from the prefetched tags (Wagtail's TagsField queries per item)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())
