"""Send the content back to its author with a comment (``editorial.rules``: a reviewer of the
stage, a comment). Wagtail's "needs changes" state: resubmitting resumes at the first stage."""

from django.db import transaction
from wagtail.models import WorkflowState
from wagtail.signals import workflow_rejected

from editorial import notifications, rules
from editorial.actions.base import EditorialAction, ReviewRound, close_rejected
from editorial.signals import emit


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
        close_rejected(review, self.user, self.comment)
        workflow_state = review.workflow_state
        workflow_state.status = WorkflowState.STATUS_NEEDS_CHANGES
        workflow_state.save(update_fields=["status"])
        workflow_rejected.send(sender=WorkflowState, instance=workflow_state, user=self.user)
        emit(
            "request_changes",
            page=review.page,
            actor=self.user,
            revision=review.task_state.revision,
            content_hash=review.task_state.content_hash,
            stage=review.task,
            comment=self.comment,
        )
        notifications.notify_author(workflow_state.pk, "request_changes", self.comment)
        return review.task_state
