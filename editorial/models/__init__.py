"""Models of the review process: review tasks and their pinned approvals, publication
clearances, takedowns and verifications of social-network sources.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""

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
    "CorroboratingSource",
    "EditorReviewTask",
    "PinnedTaskState",
    "PublicationClearance",
    "ReviewApproval",
    "ReviewTask",
    "SourceVerification",
    "Takedown",
]
