"""Reject: end the review without publishing (a reviewer of the stage; comment optional).

One decision, one event: ``portal.review.reject``. Wagtail's ``WorkflowState.cancel()`` would
log a second one (``wagtail.workflow.cancel``) for the same decision, so the workflow state is
closed here and Wagtail's ``workflow_cancelled`` signal sent as cancel() would."""

from django.db import transaction
from wagtail.models import WorkflowState
from wagtail.signals import workflow_cancelled

from editorial import notifications, rules
from editorial.actions.base import EditorialAction, ReviewRound, close_rejected
from editorial.signals import emit


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
        close_rejected(review, self.user, self.comment)
        workflow_state = review.workflow_state
        workflow_state.status = WorkflowState.STATUS_CANCELLED
        workflow_state.save(update_fields=["status"])
        workflow_cancelled.send(sender=WorkflowState, instance=workflow_state, user=self.user)
        emit(
            "reject",
            page=review.page,
            actor=self.user,
            revision=review.task_state.revision,
            content_hash=review.task_state.content_hash,
            stage=review.task,
            comment=self.comment,
        )
        notifications.notify_author(workflow_state.pk, "reject", self.comment)
        return review.task_state
