"""Send the content back to its author with a comment (``editorial.rules``: a reviewer of the
stage, a comment). Wagtail's "needs changes" state: resubmitting resumes at the first stage."""

from django.db import transaction
from wagtail.models import WorkflowState
from wagtail.signals import workflow_rejected

from editorial import rules
from editorial.actions.base import EditorialAction, ReviewRound, close_rejected


class RequestChanges(EditorialAction):
    def __init__(self, task_state, user, comment=""):
        self.task_state = task_state
        self.user = user
        self.comment = comment or ""
        self.review = None

    def failures(self):
        return rules.request_changes_failures(self.review, self.user, self.comment)

    @transaction.atomic
    def execute(self):
        self.review = review = ReviewRound.lock(self.task_state)
        self.check()
        return close_rejected(
            review,
            self.user,
            self.comment,
            workflow_status=WorkflowState.STATUS_NEEDS_CHANGES,
            workflow_signal=workflow_rejected,
            event="request_changes",
        )
