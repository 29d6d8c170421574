"""Turn live pages, images, documents and blocks into the plain data of ``cms.api.schemas``.

Everything here reads what it is handed; the querysets (``cms.api.queries``) decide what is
live and public and prefetch what is read, so a listing costs the same whatever its length.
"""

from functools import cache

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images.models import Filter
from wagtail.rich_text import expand_db_html

from cms.models.media import PortalRendition
from cms.models.pages import SourceType

THUMBNAIL = ("thumbnail", "fill-160x90")
CARD = ("card", "fill-480x270")
MEDIUM = ("medium", "width-800")
LARGE = ("large", "width-1200")

LIST_IMAGE_SPECS = (THUMBNAIL, CARD)
DETAIL_IMAGE_SPECS = (THUMBNAIL, CARD, LARGE)
BODY_IMAGE_SPECS = (MEDIUM, LARGE)
LIBRARY_IMAGE_SPECS = (THUMBNAIL,)


def rendition_prefetch(lookup, specs):
    return Prefetch(
        lookup,
        queryset=PortalRendition.objects.filter(filter_spec__in=[spec for _name, spec in specs]),
    )


def prefetch_renditions(images, specs):
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, rendition_prefetch("renditions", specs))


def rendition(request, image, spec):
    return _rendition_data(request, image.get_rendition(spec))


def _rendition_data(request, r):
    return {"url": request.build_absolute_uri(r.url), "width": r.width, "height": r.height}


@cache
def _filter(spec):
    """A parsed rendition filter; it holds no per-image state, so one per spec is shared."""
    return Filter(spec=spec)


def _tags(article):
    """The article's tags: attached by ``queries.attach_tags`` for a listing, else queried."""
    tag_list = getattr(article, "tag_list", None)
    return tag_list if tag_list is not None else list(article.tags.all())


def image_data(request, image, specs):
    if image is None:
        return None
    # All sizes in one lookup of the prefetched renditions (one get_rendition per size
    # searched them again for each), with filters parsed once per process.
    found = image.get_renditions(*(_filter(spec) for _name, spec in specs))
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.description,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": {name: _rendition_data(request, found[spec]) for name, spec in specs},
    }


def section_ref(request, section):
    if section is None:
        return None
    return {"id": section.pk, "title": section.title, "url": section.get_full_url(request) or ""}


def accountability(request):
    """(show approval, show approver's name) of the request's site. The setting is read like
    every cached site setting (``CachedSiteSettingMixin``: under the content version, memoised
    for the request; the site from ``PublicLookupsMiddleware``), so a listing pays no query."""
    from cms.models import AccountabilitySettings

    setting = AccountabilitySettings.for_request(request)
    return setting.show_approval, setting.show_approver_name


def approval_data(request, page):
    """Approval time, approver role and (separately) name, as the site's accountability
    setting publishes them on the page (``AccountabilitySettings``; ``PORTAL_API_SHOW_APPROVAL``
    can switch the API's copy off). The review side writes them on the page when it goes live."""
    from django.conf import settings

    show_approval, show_name = accountability(request)
    if not (settings.PORTAL_API_SHOW_APPROVAL and show_approval) or page.approved_at is None:
        return {"approved_at": None, "approved_by_role": None, "approved_by_name": None}
    return {
        "approved_at": page.approved_at,
        "approved_by_role": page.approved_by_role or None,
        "approved_by_name": (page.approved_by_name or None) if show_name else None,
    }


def article_card(request, article, image_specs=LIST_IMAGE_SPECS):
    source_type = article.source_type
    return {
        "id": article.pk,
        "title": article.title,
        "slug": article.slug,
        "url": article.get_full_url(request) or "",
        "lead": article.lead,
        "byline": article.byline,
        "first_published_at": article.first_published_at,
        "last_published_at": article.last_published_at,
        "section": section_ref(request, getattr(article, "section", None)),
        "tags": [{"name": t.name, "slug": t.slug} for t in _tags(article)],
        "source": {
            "type": source_type,
            "label": str(SourceType(source_type).label) if source_type in SourceType.values else "",
            "name": article.source_name,
            "url": article.source_url,
        },
        "image": image_data(request, article.hero_image, image_specs),
        "approval": approval_data(request, article),
    }


def _document_data(request, document):
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": request.build_absolute_uri(document.url),
        "file_extension": document.file_extension,
        "created_at": document.created_at,
    }


def body_blocks(request, stream_value):
    """The blocks of a body StreamField as structured data, images with their renditions."""
    blocks = list(stream_value)
    prefetch_renditions(
        [b.value.get("image") for b in blocks if b.block_type == "image"], BODY_IMAGE_SPECS
    )
    data = []
    for block in blocks:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            out = {"html": expand_db_html(value.source)}
        elif kind == "image":
            image = value.get("image")
            out = {
                "image": image_data(request, image, BODY_IMAGE_SPECS),
                "caption": value.get("caption") or "",
                "credit": value.get("credit") or (image.credit if image else ""),
            }
        elif kind == "quote":
            out = {"text": value.get("text") or "", "attribution": value.get("attribution") or ""}
        elif kind == "video":
            embed = value.get("video")
            out = {"url": getattr(embed, "url", "") or "", "caption": value.get("caption") or ""}
        elif kind == "document":
            document = value.get("document")
            out = {
                "document": _document_data(request, document),
                "title": value.get("title") or (document.title if document else ""),
            }
        elif kind == "table":
            table = value or {}
            out = {
                "data": table.get("data") or [],
                "first_row_is_table_header": bool(table.get("first_row_is_table_header")),
                "first_col_is_header": bool(table.get("first_col_is_header")),
                "caption": table.get("table_caption") or "",
            }
        else:  # a block type added later: its type is announced, its content not guessed at
            out = {}
        data.append({"type": kind, "id": block.id, "value": out})
    return data


def article_detail(request, article, related_ids=()):
    data = article_card(request, article, DETAIL_IMAGE_SPECS)
    data["image_caption"] = article.hero_caption
    data["body"] = body_blocks(request, article.body)
    data["related"] = list(related_ids)
    return data


def document_data(request, document):
    return _document_data(request, document)
