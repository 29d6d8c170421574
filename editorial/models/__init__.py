"""Models of the editorial side: review tasks and their pinned approvals, publication
clearances, takedowns, verifications of social-network sources, citizen reports of harmful
content and their moderation, and the settings of the pre-publication content checks.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""

from .checks import ContentCheckSettings
from .reports import HarmfulContentReport, ReportCategory, ReportStatus, ReportStatusChange
from .review import (
    ChiefSignOffTask,
    EditorReviewTask,
    PinnedTaskState,
    PublicationClearance,
    ReviewApproval,
    ReviewTask,
    Takedown,
)
from .verification import CorroboratingSource, SourceVerification

__all__ = [
    "ChiefSignOffTask",
    "ContentCheckSettings",
    "CorroboratingSource",
    "EditorReviewTask",
    "HarmfulContentReport",
    "PinnedTaskState",
    "PublicationClearance",
    "ReportCategory",
    "ReportStatus",
    "ReportStatusChange",
    "ReviewApproval",
    "ReviewTask",
    "SourceVerification",
    "Takedown",
]
