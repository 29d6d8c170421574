"""Models of the editorial side: review tasks and their pinned approvals, publication
clearances, takedowns, verifications of social-network sources, the settings of the
pre-publication content checks and staff profiles.

The approval ledger's models are in ``ledger.models``, citizen reports' in
``citizen_reports.models``.

Import direction: ``editorial`` may import ``cms`` and ``ledger``; ``cms`` never imports
``editorial``.
"""

from .checks import ContentCheckSettings
from .governance import GovernanceProposal
from .profile import StaffProfile
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
    "GovernanceProposal",
    "PinnedTaskState",
    "PublicationClearance",
    "ReviewApproval",
    "ReviewTask",
    "SourceVerification",
    "StaffProfile",
    "Takedown",
]
