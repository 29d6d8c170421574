"""Queries behind every listing of the public site.

Each function returns everything its template needs in a fixed number of queries, whatever the
number of articles listed: cards carry their hero image with the card rendition prefetched and
their section attached in one extra query (see ``attach_sections``).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber, Substr

from cms.models.media import PortalRendition

CARD_IMAGE_SPEC = "fill-480x270"
HERO_IMAGE_SPEC = "width-1200"
THUMB_IMAGE_SPEC = "fill-160x90"
CARD_SPECS = (CARD_IMAGE_SPEC, THUMB_IMAGE_SPEC)


def with_card_images(queryset):
    """Select the hero image and prefetch only the renditions cards use."""
    return queryset.select_related("hero_image").prefetch_related(
        Prefetch(
            "hero_image__renditions",
            queryset=PortalRendition.objects.filter(filter_spec__in=CARD_SPECS),
        )
    )


def article_cards(queryset):
    """Live, public articles, newest first, ready for a card listing."""
    return with_card_images(
        queryset.live().public().order_by("-first_published_at", "-pk")
    ).defer_streamfields()


def attach_sections(articles):
    """Set ``article.section`` on each article with one query for all their parent sections."""
    from cms.models import SectionPage

    articles = list(articles)
    parent_paths = {article.path[: -SectionPage.steplen] for article in articles}
    sections = {s.path: s for s in SectionPage.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(article.path[: -SectionPage.steplen])
    return articles


def paginate(request, queryset, per_page=None):
    """A page of results; a bad ``page`` (abc, -1, 10**9) gives the nearest real page."""
    paginator = Paginator(queryset, per_page or settings.PORTAL_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_sections(page.object_list)
    return page


def home_highlights(home):
    from cms.models import ArticlePage

    ids = list(home.highlights.order_by("sort_order").values_list("article_id", flat=True))
    articles = {a.pk: a for a in article_cards(ArticlePage.objects.filter(pk__in=ids))}
    return attach_sections([articles[pk] for pk in ids if pk in articles])


def latest_per_section(home, per_section):
    """[(section, [articles...]), ...] for the home page's sections in menu order, in two
    queries whatever the number of sections and articles (a window function ranks articles
    within their top-level section)."""
    from cms.models import ArticlePage, SectionPage

    sections = list(home.get_children().live().public().in_menu().type(SectionPage).specific())
    if not sections:
        return []
    prefix_len = (home.depth + 1) * SectionPage.steplen
    ranked = (
        article_cards(ArticlePage.objects.descendant_of(home))
        .annotate(top_section_path=Substr("path", 1, prefix_len))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("top_section_path"),
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
    )
    by_section = {}
    for article in attach_sections(ranked):
        by_section.setdefault(article.top_section_path, []).append(article)
    return [(section, by_section.get(section.path, [])) for section in sections]


def related_articles(article, limit=4):
    """Articles the editor chose; otherwise the newest of the same section."""
    from cms.models import ArticlePage

    chosen_ids = list(
        article.related_links.order_by("sort_order").values_list("article_id", flat=True)
    )
    if chosen_ids:
        found = {a.pk: a for a in article_cards(ArticlePage.objects.filter(pk__in=chosen_ids))}
        return [found[pk] for pk in chosen_ids if pk in found][:limit]
    return list(article_cards(ArticlePage.objects.sibling_of(article, inclusive=False))[:limit])
