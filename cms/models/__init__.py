"""Page types, media models and site settings of the portal (see each module)."""

from . import upstream  # noqa: F401 - declares Wagtail's and taggit's models for cache invalidation
from .conduct import (
    Audience,
    ChildProtectionPage,
    ConductCodePage,
    GoodDeedsSectionPage,
    GoodDeedStoryPage,
    GuideAudience,
    HelpContact,
    SafetyGuidePage,
)
from .content_version import ContentVersion
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
from .signage import SignageBoard, SignageItem

__all__ = [
    "AccountabilitySettings",
    "AgencySettings",
    "ArticlePage",
    "ArticlePageTag",
    "Audience",
    "ChildProtectionPage",
    "ConductCodePage",
    "ContentVersion",
    "GoodDeedStoryPage",
    "GoodDeedsSectionPage",
    "GuideAudience",
    "HelpContact",
    "SafetyGuidePage",
    "HomePage",
    "HomePageHighlight",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "RelatedArticle",
    "SectionPage",
    "SignageBoard",
    "SignageItem",
    "StandardPage",
]
