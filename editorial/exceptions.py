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


class ReviewPolicyError(UnreviewedPublishError):
    """What was signed off does not satisfy the review policy (``editorial.rules.review_policy``),
    whatever the workflow's configuration says."""

    default_message = _(
        "Publishing refused: the review policy needs an editor's approval by a member of the "
        "editors' role and a sign-off by a member of the chief editors' role, by different "
        "people, neither of them an author. Ask an administrator to restore the review "
        "workflow's two stages and their groups, then submit the article again."
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


class TakedownError(EditorialRefusal):
    """A takedown the rules do not allow."""


class TakedownReasonRequiredError(TakedownError):
    default_message = _("Taking an article down needs a reason.")


class NotLiveError(TakedownError):
    default_message = _("This page is not live.")


class NoPermissionError(TakedownError):
    default_message = _("You do not have permission to take this page down.")


class ContentCheckRefusal(EditorialRefusal):
    """Refused by the pre-publication content checks (``editorial.content_checks``).

    ``findings`` are the findings that caused the refusal. ``message`` is plain text (for
    code, logs and JSON); ``html_message`` lists the findings for the admin.
    """

    headline = _("Refused by the content checks.")
    # Whether an admin request refused this way keeps what it saved before the refusal.
    keeps_changes = False

    def __init__(self, findings=(), message=None, *, page_id=None):
        self.findings = list(findings)
        self.page_id = page_id
        super().__init__(message or self._plain(self.headline, self.findings))

    @staticmethod
    def _plain(headline, findings):
        lines = [str(headline)]
        for finding in findings:
            line = f"- {finding.message}"
            if finding.passage and finding.passage not in finding.message:
                line += f" «{finding.passage}»"
            lines.append(line)
        return "\n".join(lines)

    @property
    def html_message(self):
        from django.template.loader import render_to_string

        return render_to_string(
            "editorial/admin/check_refusal.html",
            {"headline": self.headline, "findings": self.findings},
        )


class SubmissionBlockedError(ContentCheckRefusal):
    """Submitting (or resubmitting) for review while the content has errors. The draft stays
    saved; no workflow state is created or changed."""

    headline = _(
        "Not submitted for review: the content checks found errors. Your draft is saved; fix "
        "these errors, then submit again:"
    )
    keeps_changes = True


class ApprovalBlockedError(ContentCheckRefusal, ReviewActionError):
    """Approving content that has errors, at any review stage."""

    headline = _(
        "Approval refused: the content checks found errors in this version. Request changes "
        "from the author:"
    )


class WarningsNotAcknowledgedError(ContentCheckRefusal, ReviewActionError):
    """Approving content with warnings the reviewer has not acknowledged, one by one."""

    headline = _(
        "Approval refused: acknowledge each warning of the content checks (tick it in the "
        "Approve dialog) or request changes. Not acknowledged:"
    )


class GovernanceRefusal(EditorialRefusal):
    """A decision on a proposed change to the review rules that the rules do not allow."""


class NotAnAdministratorError(GovernanceRefusal):
    default_message = _(
        "Only an administrator can confirm or reject a proposed change to the review rules, "
        "groups or accounts."
    )


class OwnProposalError(GovernanceRefusal):
    default_message = _(
        "You proposed this change, so you cannot confirm it: a second administrator must "
        "confirm it."
    )


class ProposalDecidedError(GovernanceRefusal):
    default_message = _("This proposal has already been decided. Reload the list of proposals.")


class StaleProposalError(GovernanceRefusal):
    default_message = _(
        "The review rules, groups or accounts this proposal changes have changed since it was "
        "made. Reject it and make the change again."
    )


class PermissionNotGrantableError(GovernanceRefusal):
    template = _(
        "You cannot grant these permissions: only a superuser holds them "
        "(%(permissions)s). Remove them from the group, or ask a superuser."
    )
    default_message = template

    @classmethod
    def of(cls, permissions):
        from django.utils.translation import gettext

        return cls(gettext(str(cls.template)) % {"permissions": ", ".join(permissions)})


class SuperuserGrantError(GovernanceRefusal):
    default_message = _(
        "Only a superuser can make an account a superuser. Remove the superuser flag, or ask "
        "a superuser."
    )
