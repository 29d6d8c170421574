"""Page types, media models and site settings of the portal (see each module)."""

from .approval import PageApproval
from .media import PortalDocument, PortalImage, PortalRendition
from .pages import (
    ArticlePage,
    ArticlePageTag,
    HomePage,
    HomePageHighlight,
    RelatedArticle,
    SectionPage,
    StandardPage,
)
from .settings import AgencySettings
from .signage import SignageBoard, SignageItem

__all__ = [
    "AgencySettings",
    "ArticlePage",
    "ArticlePageTag",
    "HomePage",
    "HomePageHighlight",
    "PageApproval",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "RelatedArticle",
    "SectionPage",
    "SignageBoard",
    "SignageItem",
    "StandardPage",
]
