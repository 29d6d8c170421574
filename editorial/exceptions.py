"""Refusals of the editorial rules.

Each carries a message for people. ``editorial.middleware`` turns them into an admin error
message and rolls the request back, so a refused attempt changes nothing. They deliberately
do not subclass ``PermissionDenied``: Wagtail's admin would swallow that as "no permission"
after the request had already written to the database.
"""

from django.utils.translation import gettext_lazy as _


class EditorialRefusal(Exception):
    default_message = _("This action is not allowed by the review rules.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class UnreviewedPublishError(EditorialRefusal):
    """Content would go live (or change while live) without having completed every review stage."""

    default_message = _(
        "Publishing refused: this content has not been approved at every review stage. "
        "Submit it for review; it goes live after the chief editor signs it off."
    )


class ReviewActionError(EditorialRefusal):
    """A review action (approve, request changes, reject) that the rules do not allow."""


class SelfApprovalError(ReviewActionError):
    default_message = _(
        "You cannot approve this version: it contains your own edits. "
        "Another reviewer must approve it."
    )


class SameReviewerError(ReviewActionError):
    default_message = _(
        "You already approved an earlier stage of this review. "
        "The sign-off must come from a different person."
    )


class ContentChangedError(ReviewActionError):
    default_message = _(
        "The content changed during review, so earlier approvals no longer count. "
        "Review has restarted at the first stage."
    )


class VerificationRequiredError(ReviewActionError):
    default_message = _(
        "This article is based on information from a social network. An editor must record "
        "a verification (the original post, a note and at least two independent "
        "corroborating sources) before it can be approved."
    )


class AlreadyHandledError(ReviewActionError):
    default_message = _(
        "This review step has already been handled by someone else. Reload the page to see "
        "its current state."
    )


class CommentRequiredError(ReviewActionError):
    default_message = _("Requesting changes needs a comment explaining what to change.")


class NotAReviewerError(ReviewActionError):
    default_message = _("You are not a reviewer of this review stage.")


class TakedownReasonRequiredError(EditorialRefusal):
    default_message = _("Taking an article down needs a reason.")
