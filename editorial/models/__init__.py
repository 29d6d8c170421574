"""Models of the editorial side: citizen reports of harmful content and their moderation,
and the settings of the pre-publication content checks."""

from .checks import ContentCheckSettings
from .reports import HarmfulContentReport, ReportCategory, ReportStatus, ReportStatusChange

__all__ = [
    "ContentCheckSettings",
    "HarmfulContentReport",
    "ReportCategory",
    "ReportStatus",
    "ReportStatusChange",
]
