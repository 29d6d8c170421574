"""The dedicated sections on conduct in the online environment ("chuyên trang, chuyên mục").

- ``ConductCodePage``: one code of conduct (an instrument), its principles and its rules per
  audience. Its status is derived from ``replaced_by``, so a replaced code always says by what
  and since when, and is never presented as current. Every principle and rule has a stable
  anchor (from its block id, which Wagtail keeps across edits), so it can be quoted and linked.
- ``SafetyGuidePage``: a step-by-step safe-Internet guide; each step may carry an image.
- ``ChildProtectionPage``: help contacts (``HelpContact`` snippets, editable), how to recognise
  and report abuse, and the rules in force.
- ``GoodDeedsSectionPage`` / ``GoodDeedStoryPage``: "Người tốt, việc tốt", a section whose
  stories are articles with the people honoured and the place; its listing and RSS feed are the
  section's own (``cms.listings``, ``cms.feeds.SectionFeed``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import RICH_TEXT_FEATURES
from cms.caching.invalidation import invalidates_content
from cms.models.pages import ArticlePage, FoldedSearchMixin, SectionPage, stream_text


class Audience(models.TextChoices):
    INDIVIDUALS = "individuals", _("Individuals")
    OFFICIALS = "officials", _("Officials and public employees")
    AGENCIES = "agencies", _("State agencies")
    PROVIDERS = "providers", _("Service providers")


AUDIENCE_ANCHORS = {
    Audience.INDIVIDUALS: "ca-nhan",
    Audience.OFFICIALS: "can-bo-cong-chuc-vien-chuc",
    Audience.AGENCIES: "co-quan-nha-nuoc",
    Audience.PROVIDERS: "to-chuc-cung-cap-dich-vu",
}


def block_anchor(prefix, block_id):
    """A stable fragment id for a block: Wagtail keeps block ids across edits."""
    return f"{prefix}-{str(block_id)[:8]}"


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Principle"), max_length=255)
    text = blocks.TextBlock(label=_("Explanation"), required=False)

    class Meta:
        icon = "pick"
        label = _("Principle")


class AudienceRulesBlock(blocks.StructBlock):
    audience = blocks.ChoiceBlock(choices=Audience.choices, label=_("Audience"))
    rules = blocks.ListBlock(blocks.TextBlock(label=_("Rule")), label=_("Rules"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Rules for an audience")


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=255)
    text = blocks.RichTextBlock(label=_("What to do"), features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("Image"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "cms/blocks/guide_step.html"


class ConductCodePage(FoldedSearchMixin, Page):
    instrument_number = models.CharField(
        _("instrument number"), max_length=100, help_text=_("For example 423/QĐ-BVHTTDL.")
    )
    instrument_title = models.CharField(_("name of the code"), max_length=255)
    issuing_body = models.CharField(_("issued by"), max_length=255)
    issued_year = models.PositiveSmallIntegerField(_("year of issue"))
    issued_on = models.DateField(
        _("date of issue"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    replaced_by = models.ForeignKey(
        "cms.ConductCodePage",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("Set when another code replaced this one: it is then shown as replaced."),
    )
    replaced_on = models.DateField(
        _("replaced since"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the date (or year) of issue of the replacing code."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    principles = StreamField(
        [("principle", PrincipleBlock())], verbose_name=_("principles"), blank=True
    )
    rules = StreamField(
        [("audience", AudienceRulesBlock())], verbose_name=_("rules per audience"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("instrument_number"),
                FieldPanel("instrument_title"),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("issued_year"), FieldPanel("issued_on")]),
            ],
            heading=_("Instrument"),
        ),
        MultiFieldPanel(
            [FieldPanel("replaced_by"), FieldPanel("replaced_on")], heading=_("Status")
        ),
        FieldPanel("intro"),
        FieldPanel("principles"),
        FieldPanel("rules"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("instrument_number"),
        index.SearchField("instrument_title"),
        index.SearchField("intro"),
        index.SearchField("principles"),
        index.SearchField("rules"),
        index.SearchField("folded_search_text"),
    ]
    parent_page_types = ["cms.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("code of conduct")
        verbose_name_plural = _("codes of conduct")

    @property
    def is_in_force(self):
        return self.replaced_by_id is None

    def replaced_since(self):
        """(date, year) the code stopped being current: its own date, else the replacement's."""
        if self.is_in_force:
            return None, None
        if self.replaced_on:
            return self.replaced_on, self.replaced_on.year
        return self.replaced_by.issued_on, self.replaced_by.issued_year

    def principle_items(self):
        return [
            {"anchor": block_anchor("nguyen-tac", block.id), "value": block.value}
            for block in self.principles
        ]

    def rule_groups(self):
        """[{audience, label, anchor, rules: [{anchor, text}]}] in the editor's order."""
        groups = []
        for block in self.rules:
            audience = block.value["audience"]
            groups.append(
                {
                    "label": Audience(audience).label if audience in Audience.values else "",
                    "anchor": f"doi-tuong-{AUDIENCE_ANCHORS.get(audience, audience)}",
                    "rules": [
                        {"anchor": block_anchor("quy-tac", child.id), "text": child.value}
                        for child in block.value["rules"].bound_blocks
                    ],
                }
            )
        return groups

    def clean(self):
        super().clean()
        errors = {}
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A code cannot replace itself.")
        if self.replaced_on and not self.replaced_by_id:
            errors["replaced_on"] = _("Say which code replaced this one.")
        if errors:
            raise ValidationError(errors)

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.instrument_number,
            self.instrument_title,
            self.intro,
            *stream_text(self.principles),
            *stream_text(self.rules),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["replacing_code"] = None if self.is_in_force else self.replaced_by
        context["replaced_since_date"], context["replaced_since_year"] = self.replaced_since()
        context["replaced_codes"] = self.replaces.live().public().order_by("-issued_year")
        return context


class GuideAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    STUDENTS = "students", _("Students")
    TEACHERS = "teachers", _("Teachers")
    STUDENTS_AND_TEACHERS = "students_teachers", _("Students and teachers")


class SafetyGuidePage(FoldedSearchMixin, Page):
    """A safe-Internet skills guide: numbered steps, each with an optional image."""

    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("for"), max_length=20, choices=GuideAudience, default=GuideAudience.EVERYONE
    )
    steps = StreamField([("step", GuideStepBlock())], verbose_name=_("steps"), min_num=1)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldPanel("steps"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("steps"),
        index.SearchField("folded_search_text"),
    ]
    parent_page_types = ["cms.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("safe-Internet guide")
        verbose_name_plural = _("safe-Internet guides")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.intro, *stream_text(self.steps)]

    def get_context(self, request, *args, **kwargs):
        from django.db.models import prefetch_related_objects

        context = super().get_context(request, *args, **kwargs)
        # Every step's image rendition in one query (Wagtail's per-rendition cache is off).
        images = [step.value.get("image") for step in self.steps or ()]
        images = [image for image in images if image is not None]
        if images:
            prefetch_related_objects(images, "renditions")
        return context


@register_snippet
@invalidates_content  # listed on the child-protection page
class HelpContact(models.Model):
    """A help line or address for children and families (the national hotline 111, ...)."""

    name = models.CharField(_("name"), max_length=255)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    url = models.URLField(_("web address"), blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("help contact")
        verbose_name_plural = _("help contacts")

    def __str__(self):
        return f"{self.name} {self.phone}".strip()


class ChildProtectionPage(FoldedSearchMixin, Page):
    """Child protection online: help contacts, how to recognise and report abuse, the rules."""

    intro = models.TextField(_("introduction"), blank=True)
    recognise = RichTextField(_("how to recognise abuse"), blank=True, features=RICH_TEXT_FEATURES)
    report_steps = StreamField(
        [("step", GuideStepBlock())], verbose_name=_("how to report"), blank=True
    )
    current_rules = RichTextField(_("rules in force"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("recognise"),
        FieldPanel("report_steps"),
        FieldPanel("current_rules"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("recognise"),
        index.SearchField("report_steps"),
        index.SearchField("current_rules"),
        index.SearchField("folded_search_text"),
    ]
    parent_page_types = ["cms.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("child protection page")

    def get_search_text_parts(self):
        return [
            *super().get_search_text_parts(),
            self.intro,
            self.recognise,
            *stream_text(self.report_steps),
            self.current_rules,
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["help_contacts"] = HelpContact.objects.all()
        return context


class GoodDeedsSectionPage(SectionPage):
    """ "Người tốt, việc tốt": a section of stories with its own listing and RSS feed."""

    template = "cms/section_page.html"
    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types = ["cms.GoodDeedStoryPage"]

    class Meta:
        verbose_name = _("good deeds section")


class GoodDeedStoryPage(ArticlePage):
    """A story of good people and good deeds: an article naming who is honoured and where."""

    honoree = models.CharField(
        _("people honoured"),
        max_length=255,
        blank=True,
        help_text=_("A person, a group or a community; leave empty to keep them anonymous."),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel([FieldPanel("honoree"), FieldPanel("place")], heading=_("The story")),
        *ArticlePage.content_panels[2:],
    ]
    search_fields = [*ArticlePage.search_fields, index.SearchField("honoree")]
    parent_page_types = ["cms.GoodDeedsSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good deed story")
        verbose_name_plural = _("good deed stories")

    def get_search_text_parts(self):
        return [*super().get_search_text_parts(), self.honoree, self.place]
