"""Ledger action names, their Vietnamese labels and the groups reports count them in.

Wagtail's own actions keep their names (``wagtail.publish``); the review workflow's are namespaced
``portal.review.*``; events Wagtail does not log are ``portal.access.*`` and ``portal.ledger.*``.
"""

from django.utils.translation import gettext_lazy as _

# Wagtail log actions that are editorial events. Any action starting with "portal." is too.
# Wagtail's own workflow.start/approve/reject are left out: the review workflow logs each of
# those steps as portal.review.* with its stage, comment and content hash, and one event is one
# entry. Resubmission after a request for changes is Wagtail's workflow.resume (the review
# workflow logs nothing of its own for it).
WAGTAIL_EDITORIAL_ACTIONS = frozenset(
    {
        "wagtail.workflow.resume",
        "wagtail.publish",
        "wagtail.publish.schedule",
        "wagtail.publish.scheduled",
        "wagtail.schedule.cancel",
        "wagtail.unpublish",
        "wagtail.unpublish.scheduled",
        "wagtail.revert",
        "wagtail.copy",
        "wagtail.move",
        "wagtail.delete",
        "wagtail.workflow.cancel",
        "wagtail.moderation.approve",
        "wagtail.moderation.reject",
    }
)

MEMBER_ADD = "portal.access.member_add"
MEMBER_REMOVE = "portal.access.member_remove"
PERMISSION_ADD = "portal.access.permission_add"
PERMISSION_REMOVE = "portal.access.permission_remove"
WORKFLOW_ASSIGN = "portal.access.workflow_assign"
WORKFLOW_UNASSIGN = "portal.access.workflow_unassign"
EXPORT = "portal.ledger.export"
# The first signed entry of a ledger that has unsigned entries from before signing existed.
SIGNING_STARTED = "portal.ledger.signing_started"

SUBMIT_ACTIONS = frozenset(
    {"wagtail.workflow.start", "wagtail.workflow.resume", "portal.review.submit"}
)
APPROVAL_ACTIONS = frozenset(
    {
        "wagtail.workflow.approve",
        "wagtail.moderation.approve",
        "portal.review.approve",
        "portal.review.sign_off",
    }
)
PUBLISH_ACTIONS = frozenset({"wagtail.publish", "wagtail.publish.scheduled"})
SENT_BACK_ACTIONS = frozenset(
    {"wagtail.workflow.reject", "wagtail.moderation.reject", "portal.review.request_changes"}
)
REJECT_ACTIONS = frozenset({"portal.review.reject"})
TAKEDOWN_ACTIONS = frozenset(
    {"wagtail.unpublish", "wagtail.unpublish.scheduled", "portal.review.takedown"}
)

LABELS = {
    "wagtail.publish": _("Published"),
    "wagtail.publish.schedule": _("Scheduled for publication"),
    "wagtail.publish.scheduled": _("Published on schedule"),
    "wagtail.schedule.cancel": _("Schedule cancelled"),
    "wagtail.unpublish": _("Unpublished"),
    "wagtail.unpublish.scheduled": _("Unpublished on schedule"),
    "wagtail.revert": _("Reverted to an earlier revision"),
    "wagtail.copy": _("Copied"),
    "wagtail.move": _("Moved"),
    "wagtail.delete": _("Deleted"),
    "wagtail.workflow.start": _("Submitted for review"),
    "wagtail.workflow.approve": _("Approved"),
    "wagtail.workflow.reject": _("Changes requested"),
    "wagtail.workflow.resume": _("Resubmitted"),
    "wagtail.workflow.cancel": _("Review cancelled"),
    "wagtail.moderation.approve": _("Approved"),
    "wagtail.moderation.reject": _("Changes requested"),
    "portal.review.submit": _("Submitted for review"),
    "portal.review.approve": _("Approved"),
    "portal.review.request_changes": _("Changes requested"),
    "portal.review.reject": _("Rejected"),
    "portal.review.sign_off": _("Signed off"),
    "portal.review.verification": _("Social network source verified"),
    "portal.review.restart": _("Review restarted: content changed"),
    "portal.review.takedown": _("Taken down"),
    MEMBER_ADD: _("Added to group"),
    MEMBER_REMOVE: _("Removed from group"),
    PERMISSION_ADD: _("Section permission granted"),
    PERMISSION_REMOVE: _("Section permission revoked"),
    WORKFLOW_ASSIGN: _("Review workflow assigned"),
    WORKFLOW_UNASSIGN: _("Review workflow removed"),
    EXPORT: _("Ledger exported"),
    SIGNING_STARTED: _("Ledger signing started"),
}


def is_editorial(action):
    return action in WAGTAIL_EDITORIAL_ACTIONS or action.startswith("portal.")


def label(action):
    return LABELS.get(action, action)


def choices():
    return sorted(((name, str(text)) for name, text in LABELS.items()), key=lambda c: c[1])
