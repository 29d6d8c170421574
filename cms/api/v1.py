"""``/api/v1/``: the portal's public read API (django-ninja; OpenAPI 3 at /api/v1/openapi.json,
browsable docs at /api/v1/docs).

Every operation: validates its parameters (unknown ones are refused), reads only live, public
content (``cms.api.queries``), and answers through ``cms.api.http.cached_json`` (content-version
cache, ETag / Last-Modified / 304, Cache-Control). Every 4xx has the shape of ``ErrorOut``.
"""

import datetime as dt
import json

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError

from cms import search as site_search
from cms.api import queries, schemas
from cms.api import serializers as ser
from cms.api.http import ApiError, cached_json, error_response, private_json
from cms.caching import lookups
from cms.models import ArticlePage, SignageBoard
from cms.models.pages import DedicatedTopic, RelatedArticle

MAX_ID = 2**31 - 1
ERRORS = {400: schemas.ErrorOut, 404: schemas.ErrorOut}

api = NinjaAPI(
    title="Cổng thông tin điện tử: API nội dung công khai / public content API",
    version="1.0.0",
    description=str(
        gettext_lazy(
            "Read-only API of the portal's published content: sections, articles, tags, "
            "images, documents, the online-conduct section and signage boards. Only live, "
            "public content is served."
        )
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# --- Errors -------------------------------------------------------------------------------


def _validation_details(errors):
    details = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        details.append(
            {
                "parameter": loc[-1] if loc else "",
                "location": loc[0] if loc else "",
                "problem": error.get("msg", ""),
            }
        )
    return details


@api.exception_handler(ValidationError)
def _on_validation_error(request, exc):
    return error_response(
        400,
        "invalid_parameter",
        _("A parameter of the request is not valid."),
        _validation_details(exc.errors),
    )


@api.exception_handler(ApiError)
def _on_api_error(request, exc):
    return error_response(exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(Http404)
def _on_not_found(request, exc):
    return error_response(404, "not_found", _("Nothing was found at this address."))


@api.exception_handler(HttpError)
def _on_http_error(request, exc):
    return error_response(exc.status_code, "client_error", str(exc))


def refuse_unknown_parameters(request, *schemas_):
    allowed = set()
    for schema in schemas_:
        allowed.update(schema.model_fields)
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(
            400,
            "unknown_parameter",
            _("Unknown parameter: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed)) or "-"},
            [{"parameter": name, "location": "query", "problem": "unknown"} for name in unknown],
        )


def dump(schema, data):
    return schema.model_validate(data).model_dump_json().encode()


def not_found():
    return ApiError(404, "not_found", _("Nothing was found at this address."))


def paginated(queryset, limit, offset, to_item, *, count=None, prepare=None):
    """The ``{count, limit, offset, items}`` body of every list endpoint.

    ``queryset`` (or search results) is counted unless ``count`` is given (e.g. cached), one
    page is sliced from it, with no query when ``offset`` is past the end, ``prepare`` turns
    the page's rows into what ``to_item`` serialises (attaching tags, sections...).
    """
    if count is None:
        count = queryset.count()
    rows = list(queryset[offset : offset + limit]) if count > offset else []
    if prepare is not None:
        rows = prepare(rows)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [to_item(row) for row in rows],
    }


# --- Article listings ---------------------------------------------------------------------

_ORDERINGS = {
    # "id", not "pk": these orderings also go to the search backend, which sorts on FilterFields.
    "-published": ("-first_published_at", "-id"),
    "published": ("first_published_at", "id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
}


def _day_start(day):
    # Bounds outside 1900-2999 are left open (or match nothing, see filtered_articles): converting
    # year 1 or 9999 to UTC would overflow.
    if not 1900 <= day.year <= 2999:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_articles(request, f: schemas.ArticleFilters):
    """(queryset, folded_query): live public articles matching the filters.

    Combinations that are valid but can match nothing (a query of punctuation only, an empty
    date range) give an empty list, not an error.
    """
    folded = None
    if f.q is not None:
        folded, _truncated = site_search.normalise_query(f.q.strip())
        if not folded:
            return ArticlePage.objects.none(), None
    if (
        (f.published_after and f.published_before and f.published_after > f.published_before)
        or (f.published_after and f.published_after.year > 2999)
        or (f.published_before and f.published_before.year < 1900)
    ):
        return ArticlePage.objects.none(), None
    qs = queries.articles(request, searchable=folded is not None)
    if f.section is not None:
        section = queries.sections(request).filter(pk=f.section).only("path").first()
        if section is None:
            raise ApiError(
                404,
                "unknown_section",
                _("There is no published section with this id."),
                [{"parameter": "section", "location": "query", "problem": "unknown"}],
            )
        qs = qs.filter(path__startswith=section.path)
    if f.tag is not None:
        tagged = ArticlePage.tags.through.objects.filter(tag__slug=f.tag.lower()).values_list(
            "content_object_id", flat=True
        )
        # The search backend filters on values, not on a subquery.
        qs = qs.filter(id__in=list(tagged) if folded is not None else tagged)
    if f.source_type is not None:
        qs = qs.filter(source_type=f.source_type)
    if f.published_after is not None and (start := _day_start(f.published_after)):
        qs = qs.filter(first_published_at__gte=start)
    if f.published_before is not None and (end := _day_start(f.published_before)):
        qs = qs.filter(first_published_at__lt=end + dt.timedelta(days=1))
    return qs, folded


def article_page(request, qs, folded, limit, offset, ordering=None):
    """The ArticleList data for one page of ``qs`` (searched with ``folded`` if given)."""
    if ordering == "relevance" and folded is None:
        ordering = None  # relevance needs a query; without one, newest first

    def card(article):
        return ser.article_card(request, article)

    def with_tags_and_sections(articles):
        return queries.attach_tags(queries.attach_sections(articles))

    if folded is not None:
        by_relevance = ordering in (None, "relevance")
        if not by_relevance:
            qs = qs.order_by(*_ORDERINGS[ordering])
        results = site_search.search(qs, folded, order_by_relevance=by_relevance)

        def cards_in_result_order(hits):
            ids = [page.pk for page in hits]
            found = {
                a.pk: a for a in queries.with_card_data(ArticlePage.objects.filter(pk__in=ids))
            }
            return with_tags_and_sections([found[pk] for pk in ids if pk in found])

        return paginated(results, limit, offset, card, prepare=cards_in_result_order)
    qs = qs.order_by(*_ORDERINGS[ordering or "-published"])
    return paginated(
        queries.with_card_data(qs),
        limit,
        offset,
        card,
        count=lookups.cached_count(qs.order_by()),
        prepare=with_tags_and_sections,
    )


@api.get(
    "/articles/",
    response={200: schemas.ArticleList, **ERRORS},
    url_name="articles",
    summary="Articles",
    description="Live articles, newest first; filters combine (AND).",
    tags=["articles"],
)
def list_articles(request, filters: Query[schemas.ArticleFilters]):
    refuse_unknown_parameters(request, schemas.ArticleFilters)

    def build():
        qs, folded = filtered_articles(request, filters)
        return dump(
            schemas.ArticleList,
            article_page(request, qs, folded, filters.limit, filters.offset, filters.ordering),
        )

    return cached_json(request, build)


def _article_detail_body(request, article):
    queries.attach_sections([article])
    related = list(
        RelatedArticle.objects.filter(page=article, article__in=queries.articles(request))
        .order_by("sort_order")
        .values_list("article_id", flat=True)
    )
    return dump(schemas.ArticleDetail, ser.article_detail(request, article, related))


def _detail_queryset(request):
    return queries.with_card_data(queries.articles(request), ser.DETAIL_IMAGE_SPECS, with_body=True)


@api.get(
    "/articles/by-path/",
    response={200: schemas.ArticleDetail, **ERRORS},
    url_name="article_by_path",
    summary="One article by its path on the portal",
    tags=["articles"],
)
def article_by_path(request, params: Query[schemas.ByPath]):
    refuse_unknown_parameters(request, schemas.ByPath)
    root = queries.site_root(request)
    path = params.path.strip().strip("/")
    if root is None or not path:
        raise not_found()

    def build():
        article = _detail_queryset(request).filter(url_path=f"{root.root_path}{path}/").first()
        if article is None:
            raise not_found()
        return _article_detail_body(request, article)

    return cached_json(request, build)


@api.get(
    "/articles/{id}/",
    response={200: schemas.ArticleDetail, **ERRORS},
    url_name="article",
    summary="One article",
    tags=["articles"],
)
def article_detail(request, id: Path[int]):  # noqa: A002 - the path parameter's public name
    refuse_unknown_parameters(request)
    if not 1 <= id <= MAX_ID:
        raise not_found()

    def build():
        article = _detail_queryset(request).filter(pk=id).first()
        if article is None:
            raise not_found()
        return _article_detail_body(request, article)

    return cached_json(request, build)


# --- Sections, tags, online conduct -------------------------------------------------------


@api.get(
    "/sections/",
    response={200: schemas.SectionTree, **ERRORS},
    url_name="sections",
    summary="The tree of live sections",
    tags=["sections"],
)
def section_tree(request):
    refuse_unknown_parameters(request)
    root = queries.site_root(request)

    def build():
        nodes = list(
            queries.sections(request)
            .order_by("path")
            .only("id", "title", "slug", "path", "depth", "url_path", "dedicated_topic")
        )
        by_path = {}
        top = []
        for section in nodes:
            node = {
                "id": section.pk,
                "title": section.title,
                "slug": section.slug,
                "url": section.get_full_url(request) or "",
                "dedicated_topic": section.dedicated_topic,
                "children": [],
            }
            by_path[section.path] = node
            parent = by_path.get(section.path[: -section.steplen])
            if parent is not None:
                parent["children"].append(node)
            elif section.url_path[len(root.root_path) :].count("/") == 1:
                top.append(node)
            # else: under a section that is not live; hidden like the site hides it
        return dump(schemas.SectionTree, {"items": top})

    return cached_json(request, build)


@api.get(
    "/tags/",
    response={200: schemas.TagList, **ERRORS},
    url_name="tags",
    summary="Tags of live articles",
    tags=["tags"],
)
def tag_list(request, paging: Query[schemas.Paging]):
    refuse_unknown_parameters(request, schemas.Paging)

    def build():
        def item(tag):
            return {"name": tag.name, "slug": tag.slug, "article_count": tag.article_count}

        tags = queries.visible_tags(request)
        return dump(schemas.TagList, paginated(tags, paging.limit, paging.offset, item))

    return cached_json(request, build)


@api.get(
    "/online-conduct/",
    response={200: schemas.OnlineConductOut, **ERRORS},
    url_name="online_conduct",
    summary="The dedicated online-conduct section and its articles",
    tags=["sections"],
)
def online_conduct(request, paging: Query[schemas.Paging]):
    refuse_unknown_parameters(request, schemas.Paging)

    def build():
        sections = list(
            queries.sections(request)
            .filter(dedicated_topic=DedicatedTopic.ONLINE_CONDUCT)
            .order_by("path")
            .only("id", "title", "path", "url_path")
        )
        qs = queries.articles(request)
        if sections:
            under = Q()
            for section in sections:
                under |= Q(path__startswith=section.path)
            qs = qs.filter(under)
        else:
            qs = qs.none()
        return dump(
            schemas.OnlineConductOut,
            {
                "sections": [ser.section_ref(request, s) for s in sections],
                "articles": article_page(request, qs, None, paging.limit, paging.offset),
            },
        )

    return cached_json(request, build)


# --- Images and documents ------------------------------------------------------------------


@api.get(
    "/images/",
    response={200: schemas.ImageList, **ERRORS},
    url_name="images",
    summary="Images of the media library",
    tags=["media"],
)
def image_list(request, paging: Query[schemas.Paging]):
    refuse_unknown_parameters(request, schemas.Paging)

    def build():
        def item(image):
            return ser.image_data(request, image, ser.LIBRARY_IMAGE_SPECS)

        qs = queries.images().prefetch_related(
            ser.rendition_prefetch("renditions", ser.LIBRARY_IMAGE_SPECS)
        )
        return dump(schemas.ImageList, paginated(qs, paging.limit, paging.offset, item))

    return cached_json(request, build)


@api.get(
    "/images/{id}/",
    response={200: schemas.ImageOut, **ERRORS},
    url_name="image",
    summary="One image with its renditions",
    tags=["media"],
)
def image_detail(request, id: Path[int]):  # noqa: A002
    refuse_unknown_parameters(request)
    if not 1 <= id <= MAX_ID:
        raise not_found()

    def build():
        image = (
            queries.images()
            .prefetch_related(ser.rendition_prefetch("renditions", ser.DETAIL_IMAGE_SPECS))
            .filter(pk=id)
            .first()
        )
        if image is None:
            raise not_found()
        return dump(schemas.ImageOut, ser.image_data(request, image, ser.DETAIL_IMAGE_SPECS))

    return cached_json(request, build)


@api.get(
    "/documents/",
    response={200: schemas.DocumentList, **ERRORS},
    url_name="documents",
    summary="Public documents",
    tags=["media"],
)
def document_list(request, paging: Query[schemas.Paging]):
    refuse_unknown_parameters(request, schemas.Paging)

    def build():
        def item(document):
            return ser.document_data(request, document)

        qs = queries.documents()
        return dump(schemas.DocumentList, paginated(qs, paging.limit, paging.offset, item))

    return cached_json(request, build)


@api.get(
    "/documents/{id}/",
    response={200: schemas.DocumentOut, **ERRORS},
    url_name="document",
    summary="One public document",
    tags=["media"],
)
def document_detail(request, id: Path[int]):  # noqa: A002
    refuse_unknown_parameters(request)
    if not 1 <= id <= MAX_ID:
        raise not_found()

    def build():
        document = queries.documents().filter(pk=id).first()
        if document is None:
            raise not_found()
        return dump(schemas.DocumentOut, ser.document_data(request, document))

    return cached_json(request, build)


# --- Signage ------------------------------------------------------------------------------


@api.get(
    "/signage/{board}/",
    response={200: schemas.SignageOut, **ERRORS},
    url_name="signage",
    summary="What a signage board shows now",
    description="The board's items whose display window is open now; cacheable until the "
    "next window opens or closes.",
    tags=["signage"],
)
def signage(request, board: Path[str]):
    refuse_unknown_parameters(request)
    if len(board) > 100:
        raise not_found()
    found = SignageBoard.objects.filter(slug=board).first()
    if found is None:
        raise not_found()
    now = timezone.now()
    windows = list(found.items.values_list("starts_at", "ends_at"))
    moments = [m for window in windows for m in window if m is not None]
    upcoming = [m for m in moments if m > now]
    passed = [m for m in moments if m <= now]
    timeout = min((m - now).total_seconds() for m in upcoming) if upcoming else None
    last_change = max(passed).timestamp() if passed else None

    def build():
        items = list(
            found.items.filter(starts_at__lte=now)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            # EXISTS per item (a few rows, by primary key): "article IN (every live article)"
            # inside an OR hashed the whole site's articles on every request.
            .filter(
                Q(article__isnull=True)
                | Q(Exists(queries.articles(request).filter(pk=OuterRef("article_id"))))
            )
            .select_related("article", "image", "article__hero_image")
            .order_by("sort_order", "pk")
        )
        images = [
            item.image or (item.article.hero_image if item.article else None) for item in items
        ]
        ser.prefetch_renditions(images, [("board", found.image_spec)])
        out = []
        for item, image in zip(items, images, strict=True):
            article = item.article
            link = item.link_url or (article.get_full_url(request) if article else "") or ""
            out.append(
                {
                    "id": item.pk,
                    "title": item.title or (article.title if article else ""),
                    "text": item.text or (article.lead[:280] if article else ""),
                    "image": ser.rendition(request, image, found.image_spec) if image else None,
                    "image_alt": image.description if image else "",
                    "link": link,
                    "starts_at": item.starts_at,
                    "ends_at": item.ends_at,
                }
            )
        board_data = {
            "slug": found.slug,
            "name": found.name,
            "location": found.location,
            "width": found.width,
            "height": found.height,
            "seconds_per_item": found.seconds_per_item,
        }
        return dump(schemas.SignageOut, {"board": board_data, "items": out})

    return cached_json(
        request,
        build,
        timeout=None if timeout is None else max(1, int(timeout)),
        last_modified=last_change,
    )


# --- Draft preview (signed token) ----------------------------------------------------------


@api.get(
    "/preview/",
    response={200: schemas.ArticleDetail, 400: schemas.ErrorOut, 403: schemas.ErrorOut},
    url_name="preview",
    summary="A draft article, for a headless front end's preview",
    description="Needs a token issued in the admin to a staff member for one page; the token "
    "expires after a few minutes and stops working once the draft is published.",
    tags=["preview"],
)
def preview(request, params: Query[schemas.PreviewQuery]):
    from cms.api.preview import draft_for_token

    refuse_unknown_parameters(request, schemas.PreviewQuery)
    article = draft_for_token(params.token)
    article.section = None
    queries.attach_sections([article])
    body = dump(schemas.ArticleDetail, ser.article_detail(request, article, []))
    return private_json(body)


def openapi_document():
    return json.loads(json.dumps(api.get_openapi_schema()))
