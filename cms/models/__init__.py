"""Page types, media models and site settings of the portal (see each module)."""

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
from .settings import AccountabilitySettings, AgencySettings

__all__ = [
    "AccountabilitySettings",
    "AgencySettings",
    "ArticlePage",
    "ArticlePageTag",
    "HomePage",
    "HomePageHighlight",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "RelatedArticle",
    "SectionPage",
    "StandardPage",
]
