"""Page types of the portal. Each declares its whole contract here: fields, panels, search
fields, where it may live and what it may contain.

Tree: HomePage > SectionPage (nestable) > ArticlePage; StandardPage for fixed pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import search_backend
from cms.api.fields import PrefetchedTagsField
from cms.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from cms.forms import PortalPageForm
from cms.sanitize import clean_text
from cms.text import fold
from portal_site import wagtail_compat


def stream_text(stream_value):
    """The plain text of a StreamField value, as the search index sees it.

    ``cms.sanitize.clean_text`` rather than Django's ``strip_tags``: on Python 3.13.0 the
    latter raises on some hostile input (``<![><img src="]>``), turning a save into a 500.
    """
    if not stream_value:
        return []
    return [
        clean_text(text) for text in stream_value.stream_block.get_searchable_content(stream_value)
    ]


class FoldedSearchMixin:
    """Indexes an ASCII-folded copy of the page's text next to the original (see cms.text.fold)."""

    def folded_search_text(self):
        return search_backend.memoised(self, "folded_search_text", self._folded_search_text)

    def _folded_search_text(self):
        return fold(clean_text(" ".join(str(p) for p in self.get_search_text_parts() if p)))

    def get_search_text_parts(self):
        return [self.title, getattr(self, "search_description", "")]


class CachedRestrictionsMixin:
    """Whether the page or an ancestor is restricted, from the cached restricted paths
    (``cms.caching.lookups``), instead of a query on every view: Wagtail's
    ``check_view_restrictions`` asks on each serve."""

    def get_view_restrictions(self):
        """A QuerySet, as Wagtail's admin (privacy view, aliases) expects: an empty one, which
        costs no query, when no restriction covers the page; otherwise Wagtail's own query."""
        from wagtail.models import PageViewRestriction

        from cms.caching import lookups

        if not self.alias_of_id and not lookups.is_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class DedicatedTopic(models.TextChoices):
    ONLINE_CONDUCT = "online_conduct", _("Online conduct (code of conduct on social networks)")


class SourceType(models.TextChoices):
    ORIGINAL = "original", _("Original reporting")
    AGENCY_DOCUMENT = "agency_document", _("Document of an agency")
    OTHER_OUTLET = "other_outlet", _("Another news outlet")
    SOCIAL_NETWORK = "social_network", _("Social network post")


class HomePage(CachedRestrictionsMixin, FoldedSearchMixin, Page):
    """The front page: highlighted articles, the latest per section, links to dedicated sections."""

    intro = models.TextField(_("introduction"), blank=True)
    dedicated_links = StreamField(
        [
            (
                "link",
                blocks.StructBlock(
                    [
                        ("page", blocks.PageChooserBlock(label=_("Page"))),
                        (
                            "description",
                            blocks.CharBlock(label=_("Short description"), required=False),
                        ),
                    ],
                    icon="link",
                    label=_("Dedicated section"),
                ),
            )
        ],
        verbose_name=_("dedicated sections"),
        blank=True,
        help_text=_("Shown as a row of links under the highlighted articles."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("highlights", heading=_("Highlighted articles"), label=_("Article")),
        FieldPanel("dedicated_links"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("folded_search_text")]
    api_fields = [APIField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.SectionPage", "cms.GoodDeedsSectionPage", "cms.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail walks the tree one query per URL segment; the site root finds every page of
        the path in one query by ``url_path`` (derived from the same slugs, so the deepest
        match's ancestors are the shorter matches), then loads that page's specific row."""
        if not path_components:
            return super().route(request, path_components)
        candidates = [
            self.url_path + "".join(f"{c}/" for c in path_components[:i])
            for i in range(1, len(path_components) + 1)
        ]
        found = {
            p.url_path: p
            for p in Page.objects.filter(
                url_path__in=candidates, path__startswith=self.path, depth__gt=self.depth
            )
        }
        matched = 0
        for i in range(len(candidates), 0, -1):
            if candidates[i - 1] in found:
                matched = i
                break
        if not matched:
            raise Http404
        ancestors = [self, *(found[c] for c in candidates[: matched - 1])]
        page = found[candidates[matched - 1]]
        model = page.specific_class
        if model is None:
            raise Http404
        queryset = model.objects.all()
        if related := getattr(model, "serve_select_related", ()):
            queryset = queryset.select_related(*related)
        page = queryset.get(pk=page.pk)
        wagtail_compat.set_known_parent(page, ancestors[-1])
        page.portal_ancestors = ancestors
        return page.route(request, path_components[matched:])

    def get_context(self, request, *args, **kwargs):
        from cms import listings

        context = super().get_context(request, *args, **kwargs)
        context["highlights"], context["section_blocks"] = listings.home_listings(
            self,
            listings.menu_sections(request, self),
            settings.PORTAL_HOME_ARTICLES_PER_SECTION,
        )
        return context


class SectionPage(CachedRestrictionsMixin, FoldedSearchMixin, RoutablePageMixin, Page):
    """A section (chuyên mục): intro, subsections, paginated articles newest first, an RSS feed."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    dedicated_topic = models.CharField(
        _("dedicated topic"),
        max_length=30,
        choices=DedicatedTopic,
        blank=True,
        help_text=_(
            "Marks the section that holds a dedicated topic, e.g. online conduct; "
            "the public API serves it at its own address."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("dedicated_topic")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("folded_search_text"),
    ]
    api_fields = [APIField("intro"), APIField("dedicated_topic")]
    base_form_class = PortalPageForm
    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types = [
        "cms.SectionPage",
        "cms.GoodDeedsSectionPage",
        "cms.ArticlePage",
        "cms.ConductCodePage",
        "cms.SafetyGuidePage",
        "cms.ChildProtectionPage",
    ]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.intro]

    def get_context(self, request, *args, **kwargs):
        from cms import listings
        from cms.caching import lookups

        context = super().get_context(request, *args, **kwargs)
        # Subsections and the dedicated pages (codes of conduct, guides, ...) in one query, kept
        # under the content version: among a large section's thousands of articles, finding
        # its three subsections is a scan (20 ms at 100,000 articles).
        children = lookups.cached(
            f"section-children.{self.pk}",
            lambda: list(
                lookups.public(self.get_children().live().not_type(ArticlePage)).specific(
                    defer=True
                )
            ),
        )
        context["subsections"] = [c for c in children if isinstance(c, SectionPage)]
        context["dedicated_pages"] = [c for c in children if not isinstance(c, SectionPage)]
        context["articles"] = listings.paginate(
            request,
            listings.article_cards(ArticlePage.objects.descendant_of(self)),
            known_sections=[self, *context["subsections"]],
        )
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from cms.feeds import SectionFeed

        return SectionFeed()(request, section=self)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        # The tag page and the API's tag filter: articles of one tag, joined by article id.
        indexes = [models.Index(fields=["tag", "content_object"], name="cms_tag_article_idx")]


class ArticlePage(CachedRestrictionsMixin, FoldedSearchMixin, RoutablePageMixin, Page):
    """A news article (tin bài). Its source decides which review rules apply to it."""

    lead = models.TextField(
        _("lead"), max_length=1000, help_text=_("The opening summary (sapo), plain text.")
    )
    hero_image = models.ForeignKey(
        "cms.PortalImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("main image caption"), max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))

    source_type = models.CharField(
        _("source type"), max_length=20, choices=SourceType, default=SourceType.ORIGINAL
    )
    source_name = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Agency and document number, outlet, or account the information came from."),
    )
    source_url = models.URLField(_("source URL"), max_length=1000, blank=True)

    # Public accountability: who approved the live version, written by the editorial app when
    # the article goes live (cms never reads the review machinery). Not editable.
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by_role = models.CharField(
        _("approved by (role)"), max_length=255, blank=True, editable=False
    )
    approved_by_name = models.CharField(
        _("approved by (name)"), max_length=255, blank=True, editable=False
    )
    exclude_fields_in_copy = ["approved_at", "approved_by_role", "approved_by_name"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading=_("Main image")
        ),
        FieldPanel("body"),
        FieldPanel("byline"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("source_type"), FieldPanel("source_name"), FieldPanel("source_url")],
            heading=_("Source of the information"),
        ),
        InlinePanel("related_links", heading=_("Related articles"), label=_("Article")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.SearchField("folded_search_text"),
        index.FilterField("source_type"),
        index.FilterField("first_published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    # Wagtail's /api/v2/: live fields only (the v2 serializer reads the live page row).
    api_fields = [
        APIField("lead"),
        APIField("hero_image"),
        APIField("hero_caption"),
        APIField("body"),
        APIField("byline"),
        APIField("tags", serializer=PrefetchedTagsField(read_only=True)),
        APIField("source_type"),
        APIField("source_name"),
        APIField("source_url"),
    ]
    parent_page_types = ["cms.SectionPage"]
    subpage_types = []
    # Refuses tags without letters or digits and links to nowhere (cms.forms).
    base_form_class = PortalPageForm
    # Loaded with the page when it is served (HomePage.route): the template shows it.
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["source_type"])]

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.lead,
            self.byline,
            *stream_text(self.body),
            " ".join(tag.name for tag in self.tags.all()),
        ]

    @property
    def is_social_network_source(self):
        return self.source_type == SourceType.SOCIAL_NETWORK

    def clean(self):
        super().clean()
        errors = {}
        if self.source_type == SourceType.SOCIAL_NETWORK and not self.source_url:
            errors["source_url"] = _(
                "Information from a social network needs the address of the original post."
            )
        if (
            self.source_type in (SourceType.AGENCY_DOCUMENT, SourceType.OTHER_OUTLET)
            and not self.source_name
        ):
            errors["source_name"] = _("Name the agency document or the outlet.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from cms import listings

        context = super().get_context(request, *args, **kwargs)
        # The parent as routed (a plain Page: its title and URL are all the template needs).
        section = self.get_parent()
        context["section"] = section
        context["section_feed_url"] = f"{section.get_url(request)}rss/"
        context["related_articles"] = listings.related_articles(self, section=section)
        listings.prefetch_body_renditions(self)
        return context

    @path("ban-in/", name="print")
    def print_view(self, request):
        context = self.get_context(request)
        return render(request, "cms/article_page_print.html", context)


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")


class HomePageHighlight(Orderable):
    page = ParentalKey(HomePage, related_name="highlights", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("highlighted article")


class StandardPage(CachedRestrictionsMixin, FoldedSearchMixin, Page):
    """A fixed page: introduction of the agency, contacts, terms of use."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("folded_search_text"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    base_form_class = PortalPageForm
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.intro,
            *stream_text(self.body),
        ]
