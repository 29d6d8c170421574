"""Models of the editorial side: review tasks and their pinned approvals, publication
clearances, takedowns, verifications of social-network sources, citizen reports of harmful
content and their moderation, the settings of the pre-publication content checks, the
approval ledger and staff profiles.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""

from .checks import ContentCheckSettings
from .ledger import LedgerEntry, LedgerImmutableError
from .profile import StaffProfile
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
    "LedgerEntry",
    "LedgerImmutableError",
    "PinnedTaskState",
    "PublicationClearance",
    "ReportCategory",
    "ReportStatus",
    "ReportStatusChange",
    "ReviewApproval",
    "ReviewTask",
    "SourceVerification",
    "StaffProfile",
    "Takedown",
]
