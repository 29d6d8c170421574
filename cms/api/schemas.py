"""Pydantic schemas of the v1 API: the published contract (OpenAPI at /api/v1/openapi.json).

Adding an optional field is a compatible change; renaming or removing one needs /api/v2 of the
portal's own API (not Wagtail's /api/v2/, which is a separate, standard API).
"""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from cms.models.pages import SourceType

SourceTypeValue = Literal[tuple(SourceType.values)]  # type: ignore[valid-type]
ArticleOrdering = Literal["-published", "published", "title", "-title", "relevance"]


class ErrorDetail(Schema):
    status: int
    code: str
    message: str
    details: list[Any] = []


class ErrorOut(Schema):
    error: ErrorDetail


class RenditionOut(Schema):
    url: str
    width: int
    height: int


class ImageOut(Schema):
    id: int
    title: str
    alt: str
    credit: str
    width: int
    height: int
    renditions: dict[str, RenditionOut] = Field(
        description="Renditions by name (e.g. thumbnail 160x90, card 480x270, large 1200 wide)."
    )


class SectionRef(Schema):
    id: int
    title: str
    url: str


class TagOut(Schema):
    name: str
    slug: str


class SourceOut(Schema):
    type: str
    label: str
    name: str
    url: str


class ApprovalOut(Schema):
    approved_at: datetime | None = Field(
        None, description="When the page was approved (written by the review side; may be null)."
    )
    approved_by_role: str | None = Field(None, description="The approver's role (may be null).")
    approved_by_name: str | None = Field(
        None, description="The approver's name, only when the site publishes names (else null)."
    )


class ArticleCard(Schema):
    id: int
    title: str
    slug: str
    url: str = Field(description="The article's page on the portal.")
    lead: str
    byline: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    section: SectionRef | None
    tags: list[TagOut]
    source: SourceOut
    image: ImageOut | None
    approval: ApprovalOut


class Block(Schema):
    type: str = Field(description="paragraph, image, quote, video, document or table.")
    id: str | None
    value: dict[str, Any]


class ArticleDetail(ArticleCard):
    image_caption: str
    body: list[Block]
    related: list[int] = Field(description="Ids of related live articles.")


class ArticleList(Schema):
    count: int = Field(description="Total number of matching articles.")
    limit: int
    offset: int
    items: list[ArticleCard]


class SectionNode(Schema):
    id: int
    title: str
    slug: str
    url: str
    dedicated_topic: str
    children: list["SectionNode"]


class SectionTree(Schema):
    items: list[SectionNode]


class TagCount(TagOut):
    article_count: int


class TagList(Schema):
    count: int
    limit: int
    offset: int
    items: list[TagCount]


class ImageList(Schema):
    count: int
    limit: int
    offset: int
    items: list[ImageOut]


class DocumentOut(Schema):
    id: int
    title: str
    url: str
    file_extension: str
    created_at: datetime


class DocumentList(Schema):
    count: int
    limit: int
    offset: int
    items: list[DocumentOut]


class OnlineConductOut(Schema):
    sections: list[SectionRef]
    articles: ArticleList


class SignageBoardOut(Schema):
    slug: str
    name: str
    location: str
    width: int
    height: int
    seconds_per_item: int


class SignageItemOut(Schema):
    id: int
    title: str
    text: str
    image: RenditionOut | None
    image_alt: str
    link: str = Field(description="Target of the link / QR code (absolute URL), may be empty.")
    starts_at: datetime
    ends_at: datetime | None


class SignageOut(Schema):
    board: SignageBoardOut
    items: list[SignageItemOut]


# --- Query parameters ---------------------------------------------------------------------


class Paging(Schema):
    limit: int = Field(20, ge=1, le=100, description="Page size, at most 100.")
    offset: int = Field(0, ge=0, le=100_000)


class ArticleFilters(Paging):
    section: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Section id; includes its subsections."
    )
    # Tag slugs keep Vietnamese letters (taggit slugifies with allow_unicode): "đô-thị".
    tag: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        pattern=r"^[-\w]+$",
        description="Tag slug, as /tags/ lists it (Vietnamese letters included).",
    )
    source_type: SourceTypeValue | None = None
    published_after: date | None = Field(None, description="On or after this day (YYYY-MM-DD).")
    published_before: date | None = Field(None, description="On or before this day.")
    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Full-text query, with or without Vietnamese diacritics.",
    )
    ordering: ArticleOrdering | None = Field(
        None,
        description="Default: relevance with q, else -published (newest first); "
        "relevance without q is newest first.",
    )


class ByPath(Schema):
    path: str = Field(
        min_length=1,
        max_length=1000,
        description="The article's path on the portal, e.g. /tin-tuc/bai-viet/.",
    )


class PreviewQuery(Schema):
    token: str = Field(min_length=1, max_length=500)
