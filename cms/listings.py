"""Queries behind every listing of the public site.

Each function returns everything its template needs in a fixed number of queries, whatever the
number of articles listed: cards carry their hero image with the card rendition prefetched and
their section attached in one extra query (see ``attach_sections``). Renditions are only ever
read here, never generated: ``generate_articles`` and the image upload create them ahead.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import RowNumber, Substr
from django.db.models.query import prefetch_related_objects
from django.utils.functional import cached_property

from cms.caching import lookups
from cms.models.media import PortalRendition
from portal_site import wagtail_compat

CARD_IMAGE_SPEC = "fill-480x270"
THUMB_IMAGE_SPEC = "fill-160x90"
CARD_SPECS = (CARD_IMAGE_SPEC, THUMB_IMAGE_SPEC)


def card_rendition_prefetch():
    return Prefetch(
        "hero_image__renditions",
        queryset=PortalRendition.objects.filter(filter_spec__in=CARD_SPECS),
    )


def live_articles(queryset):
    """Live, public articles, newest first, with their hero image, without the card renditions
    (``finish_cards`` fetches those for several listings at once)."""
    return (
        lookups.public(queryset.live())
        .order_by("-first_published_at", "-pk")
        .select_related("hero_image")
        .defer_streamfields()
    )


def article_cards(queryset):
    """Live, public articles, newest first, ready for a card listing."""
    return live_articles(queryset).prefetch_related(card_rendition_prefetch())


def finish_cards(*article_lists):
    """Card renditions and sections of articles from several listings, in two queries."""
    everything = [article for articles in article_lists for article in articles]
    prefetch_related_objects([a for a in everything if a.hero_image_id], card_rendition_prefetch())
    attach_sections(everything)
    return article_lists


def attach_sections(articles, known_sections=()):
    """Set ``article.section`` on each article with one query for all their parent sections
    (none when ``known_sections`` holds them all, e.g. a section's own listing)."""
    from cms.models import SectionPage

    articles = list(articles)
    parent_paths = {article.path[: -SectionPage.steplen] for article in articles}
    sections = {s.path: s for s in known_sections}
    if missing := parent_paths - sections.keys():
        sections.update((s.path, s) for s in SectionPage.objects.filter(path__in=missing))
    for article in articles:
        article.section = sections.get(article.path[: -SectionPage.steplen])
    return articles


class CountedPaginator(Paginator):
    """A paginator whose total comes from ``lookups.cached_count`` (once per content version).

    Deep pages (``DEFERRED_JOIN_OFFSET`` rows or more to skip) are fetched in two steps: the
    ids of the page, skipping the rows before it on the newest-first index alone, then those
    rows with their images (a "deferred join"); one plain ``OFFSET`` would read every skipped
    row and its article (107 ms for page 500 of a 57,000-article section).
    """

    DEFERRED_JOIN_OFFSET = 240

    @cached_property
    def count(self):
        return lookups.cached_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < self.DEFERRED_JOIN_OFFSET or self.orphans:
            return super().page(number)
        top = bottom + self.per_page
        ids = list(self.object_list.prefetch_related(None).values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def paginate(request, queryset, per_page=None, known_sections=()):
    """A page of results; a bad ``page`` (abc, -1, 10**9) gives the nearest real page."""
    paginator = CountedPaginator(queryset, per_page or settings.PORTAL_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_sections(page.object_list, known_sections)
    return page


class CappedPaginator(Paginator):
    """A paginator that counts no further than ``cap`` items (``count_items(cap)`` counts):
    ``capped`` says whether there are more, and pages past the cap are not offered."""

    def __init__(self, object_list, per_page, *, cap, count_items):
        super().__init__(object_list, per_page)
        self.cap = cap
        self._count_items = count_items

    @cached_property
    def _counted(self):
        return self._count_items(self.cap + 1)

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @cached_property
    def capped(self):
        return self._counted > self.cap


def paginate_capped(request, results, count_items, cap, per_page=None):
    """A page of search results counted up to ``cap`` (see ``CappedPaginator``)."""
    paginator = CappedPaginator(
        results,
        per_page or settings.PORTAL_LISTING_PAGE_SIZE,
        cap=cap,
        count_items=count_items,
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_sections(page.object_list)
    return page


def menu_sections(request, home):
    """The home page's sections in menu order: the cached main menu's sections."""
    from cms.models import SectionPage

    site = wagtail_compat.known_site(request)
    if site is not None and site.root_page_id == home.pk:
        return [p for p in lookups.main_menu(site) if isinstance(p, SectionPage)]
    return list(lookups.public(home.get_children().live().in_menu().type(SectionPage)).specific())


def highlighted_articles(home):
    """The editor's highlighted articles in their order, one query (no renditions yet)."""
    from cms.models import ArticlePage, HomePageHighlight

    chosen = HomePageHighlight.objects.filter(page=home)
    order = chosen.filter(article=OuterRef("pk"))
    return list(
        live_articles(ArticlePage.objects.filter(pk__in=chosen.values("article_id")))
        .annotate(highlight_order=Subquery(order.values("sort_order")[:1]))
        .order_by("highlight_order", "-first_published_at", "-pk")
    )


def ranked_per_section(home, sections, per_section):
    """The newest ``per_section`` articles of each top-level section, in one query: a UNION
    ALL of one "newest N under this path" per section, each an index scan on
    (first_published_at, id) that stops after N rows, so the cost does not grow with the
    number of articles (a window over all articles did)."""
    from cms.models import ArticlePage, SectionPage

    if not sections:
        return {}
    prefix_len = (home.depth + 1) * SectionPage.steplen
    if connection.features.supports_slicing_ordering_in_compound:
        branches = [
            live_articles(ArticlePage.objects.filter(path__startswith=section.path))[:per_section]
            for section in sections
        ]
        ranked = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    else:
        # SQLite refuses LIMIT inside a compound query: the same rows in one query, ranked
        # per section by a window (fine at the sizes a SQLite install holds).
        prefix = Substr("path", 1, prefix_len)
        ranked = (
            live_articles(ArticlePage.objects.filter(path__startswith=home.path))
            .annotate(
                section_prefix=prefix,
                section_rank=Window(
                    RowNumber(),
                    partition_by=[prefix],
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(section_prefix__in=[section.path for section in sections])
            .filter(section_rank__lte=per_section)
        )
    by_section = {}
    for article in ranked:
        by_section.setdefault(article.path[:prefix_len], []).append(article)
    for articles in by_section.values():
        articles.sort(key=lambda a: (a.first_published_at, a.pk), reverse=True)
    return by_section


def home_listings(home, sections, per_section):
    """(highlights, [(section, [articles...]), ...]) for the home page in four queries whatever
    the number of sections and articles: highlights, ranked articles, their card renditions,
    their sections."""
    highlights = highlighted_articles(home)
    by_section = ranked_per_section(home, sections, per_section)
    finish_cards(highlights, *by_section.values())
    return highlights, [(section, by_section.get(section.path, [])) for section in sections]


def related_articles(article, limit=4, section=None):
    """Articles the editor chose, in their order; otherwise the newest of the same section.
    One query (the chosen ones UNION ALL the newest siblings when none was chosen, each branch
    bounded by ``limit``: no sort of the whole section), one for their renditions."""
    from cms.models import ArticlePage, RelatedArticle

    steplen = ArticlePage.steplen
    chosen = RelatedArticle.objects.filter(page_id=article.pk)
    chosen_branch = (
        live_articles(ArticlePage.objects.filter(pk__in=chosen.values("article_id")))
        .annotate(
            related_order=Subquery(chosen.filter(article=OuterRef("pk")).values("sort_order")[:1])
        )
        .order_by("related_order", "-pk")[:limit]
    )
    sibling_branch = (
        live_articles(ArticlePage.objects.sibling_of(article, inclusive=False))
        .filter(~Exists(chosen))
        .annotate(related_order=Value(None, output_field=IntegerField()))[:limit]
    )
    if connection.features.supports_slicing_ordering_in_compound:
        articles = list(chosen_branch.union(sibling_branch, all=True))
    else:
        # SQLite refuses LIMIT inside a compound query: one query with both conditions.
        siblings = ArticlePage.objects.sibling_of(article, inclusive=False).values("pk")
        articles = list(
            live_articles(
                ArticlePage.objects.filter(
                    Q(pk__in=chosen.values("article_id")) | (Q(pk__in=siblings) & ~Exists(chosen))
                )
            )
            .annotate(
                related_order=Subquery(
                    chosen.filter(article=OuterRef("pk")).values("sort_order")[:1]
                )
            )
            .order_by(F("related_order").asc(nulls_last=True), "-first_published_at", "-pk")[:limit]
        )
    articles.sort(
        key=lambda a: (
            a.related_order is None,
            a.related_order or 0,
            -a.first_published_at.timestamp() if a.first_published_at else 0,
            -a.pk,
        )
    )
    articles = articles[:limit]
    prefetch_related_objects([a for a in articles if a.hero_image_id], card_rendition_prefetch())
    # The card template asks for the section; siblings share the article's (already routed),
    # chosen articles elsewhere show none rather than cost a query.
    for related in articles:
        related.section = section if section and related.path[:-steplen] == section.path else None
    return articles


def prefetch_body_renditions(page):
    """The hero and body images' renditions of an article page, in one query. All of them:
    Wagtail creates a rendition missing from a prefetched set, and the page and its print
    view use different sizes."""
    images = [page.hero_image] if page.hero_image_id else []
    for block in page.body or ():
        if block.block_type == "image" and block.value.get("image") is not None:
            images.append(block.value["image"])
    images = [i for i in images if i is not None]
    if images:
        prefetch_related_objects(images, "renditions")
