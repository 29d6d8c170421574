"""What the public API may show, and how it is fetched in a fixed number of queries.

Every page query starts from ``live().public()`` under the requested site's root: pages that are
not live, or sit under a view restriction, do not exist for the API. Fields come from the page
row, which holds the live content; ``latest_revision`` and revisions are never read here.
"""

from django.db.models import Count, Q
from taggit.models import Tag
from wagtail.models import Page, Site

from cms import listings
from cms.api.serializers import LIST_IMAGE_SPECS, rendition_prefetch
from cms.caching import lookups
from cms.models import ArticlePage, PortalDocument, PortalImage, SectionPage


def site_root(request):
    """(root_path, root_url) of the site serving the request, from Wagtail's cached site list
    (no query once cached): the matching host, else the default site."""
    root_paths = Site.get_site_root_paths()
    host = request.get_host().split(":")[0]
    chosen = next(
        (rp for rp in root_paths if rp.root_url.split("://")[-1].split(":")[0] == host), None
    )
    if chosen is None:
        chosen = next(iter(root_paths), None)
    return chosen


def pages_of_site(request, model, *, searchable=False):
    """Live, public pages of ``model`` under the request's site root (none without a site).

    ``searchable``: filter on the tree path (an index FilterField) instead of the URL path, so
    the queryset can be handed to the search backend; costs one query for the root's path.
    """
    root = site_root(request)
    # Pages under a view restriction, from the cached restricted paths (no query).
    queryset = lookups.public(model.objects.live())
    if root is None:
        return queryset.none()
    if searchable:
        root_tree_path = (
            Page.objects.filter(url_path=root.root_path).values_list("path", flat=True).first()
        )
        return queryset.filter(path__startswith=root_tree_path or "-")
    return queryset.filter(url_path__startswith=root.root_path)


def articles(request, *, searchable=False):
    return pages_of_site(request, ArticlePage, searchable=searchable)


def sections(request):
    return pages_of_site(request, SectionPage)


def with_card_data(queryset, specs=LIST_IMAGE_SPECS, *, with_body=False):
    """Articles with their hero image and its renditions; tags come from ``attach_tags``."""
    queryset = queryset.select_related("hero_image").prefetch_related(
        rendition_prefetch("hero_image__renditions", specs)
    )
    return queryset if with_body else queryset.defer_streamfields()


def attach_tags(article_list):
    """Set ``article.tag_list`` on each article with one query for all of them. Prefetching
    the tag manager costs the same query plus a queryset built per article (10 ms for 20)."""
    from cms.models import ArticlePageTag

    article_list = list(article_list)
    by_article = {article.pk: [] for article in article_list}
    if by_article:
        tagged = (
            ArticlePageTag.objects.filter(content_object_id__in=by_article)
            .select_related("tag")
            .order_by("tag__name", "tag_id")
        )
        for item in tagged:
            by_article[item.content_object_id].append(item.tag)
    for article in article_list:
        article.tag_list = by_article[article.pk]
    return article_list


def attach_sections(article_list):
    """Each article's parent section (one query for all), or None if that section is not live
    (a public article inherits any view restriction, so its section is public)."""
    article_list = listings.attach_sections(article_list)
    for article in article_list:
        if article.section is not None and not article.section.live:
            article.section = None
    return article_list


def visible_tags(request):
    return (
        Tag.objects.filter(cms_articlepagetag_items__content_object__in=articles(request))
        .annotate(article_count=Count("cms_articlepagetag_items", distinct=True))
        .order_by("name", "pk")
    )


def images():
    return PortalImage.objects.order_by("-created_at", "-pk")


def documents():
    """Documents outside collections with a view restriction (those need a login to download)."""
    restricted = Q()
    for path in lookups.restricted_collection_paths():  # cached under the content version
        restricted |= Q(collection__path__startswith=path)
    queryset = PortalDocument.objects.order_by("-created_at", "-pk")
    return queryset.exclude(restricted) if restricted else queryset
