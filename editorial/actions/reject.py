"""Reject: end the review without publishing (a reviewer of the stage; comment optional).

One decision, one event: ``portal.review.reject``. Wagtail's ``WorkflowState.cancel()`` would
log a second one (``wagtail.workflow.cancel``) for the same decision, so the workflow state is
closed here and Wagtail's ``workflow_cancelled`` signal sent as cancel() would."""

from django.db import transaction
from wagtail.models import WorkflowState
from wagtail.signals import workflow_cancelled

from editorial import rules
from editorial.actions.base import EditorialAction, ReviewRound, close_rejected


class Reject(EditorialAction):
    def __init__(self, task_state, user, comment=""):
        self.task_state = task_state
        self.user = user
        self.comment = comment or ""
        self.review = None

    def failures(self):
        return rules.reject_failures(self.review, self.user)

    @transaction.atomic
    def execute(self):
        self.review = review = ReviewRound.lock(self.task_state)
        self.check()
        return close_rejected(
            review,
            self.user,
            self.comment,
            workflow_status=WorkflowState.STATUS_CANCELLED,
            workflow_signal=workflow_cancelled,
            event="reject",
        )
