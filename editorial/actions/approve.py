"""Approve a review stage: the editor's approval, or the chief editor's sign-off.

``ApproveStage(task_state, user, comment, acknowledged_warnings).execute()``: locks the stage,
asks the rulebook (``editorial.rules.approve_failures``), records a ``ReviewApproval`` pinned to
the content hash of exactly the revision approved, with the warnings the reviewer
acknowledged, emits ``approve`` (or ``sign_off`` at the last stage), closes the stage, then
starts the next stage or, after the last one, publishes (``PublishSignedOff``).
"""

from django.db import transaction
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_approved, workflow_approved

from editorial import rules
from editorial.actions.base import (
    EditorialAction,
    ReviewRound,
    finish_task_state,
    log_task_state_change,
    person,
)
from editorial.actions.stages import start_pinned_stage
from editorial.signals import emit


def acknowledgement_record(warnings):
    """What the ledger keeps of acknowledged warnings: code, passage and message of each."""
    return [{"code": w.code, "passage": w.passage, "message": str(w.message)} for w in warnings]


class ApproveStage(EditorialAction):
    """``acknowledged_warnings``: the content-check warnings the reviewer acknowledges, as
    ``Finding.key`` values (what the Approve dialog posts), ``Finding`` objects or
    ``(code, passage)`` pairs. Every warning of the revision approved must be among them."""

    def __init__(self, task_state, user, comment="", acknowledged_warnings=()):
        self.task_state = task_state
        self.user = user
        self.comment = comment or ""
        self.acknowledged_warnings = acknowledged_warnings or ()
        self.review = None

    def failures(self):
        return rules.approve_failures(self.review, self.user, self.acknowledged_warnings)

    @transaction.atomic
    def execute(self):
        from editorial.models import ReviewApproval

        self.review = review = ReviewRound.lock(self.task_state)
        self.check()
        warnings = [f for f in review.findings() if f.is_warning] if review.revision else []
        extra = (
            {
                "acknowledged_warnings": acknowledgement_record(warnings),
                "acknowledged_by": person(self.user),
            }
            if warnings
            else {}
        )
        approval = ReviewApproval.objects.create(
            workflow_state=review.workflow_state,
            task_state=review.task_state,
            task=review.task,
            page=review.page,
            revision=review.revision,
            content_hash=review.content_hash,
            user=self.user,
            comment=self.comment,
        )
        review.approvals().append(approval)
        emit(
            "sign_off" if review.is_final_stage else "approve",
            page=review.page,
            actor=self.user,
            revision=review.revision,
            content_hash=review.content_hash,
            stage=review.task,
            comment=self.comment,
            **extra,
        )
        self._move_on(review)
        return review.task_state

    def _move_on(self, review):
        """Wagtail's ``TaskState.approve`` and ``WorkflowState.update``, with what was read:
        close the stage, log it, start the next stage or finish the review and publish."""
        from editorial.actions.publish import PublishSignedOff

        next_stage = review.next_stage
        finish_task_state(review.task_state, TaskState.STATUS_APPROVED, self.user, self.comment)
        log_task_state_change(review, "approve", self.user, next_stage=next_stage)
        workflow_state = review.workflow_state
        if next_stage is not None:
            workflow_state.current_task_state = start_pinned_stage(
                next_stage, review, user=self.user
            )
            workflow_state.save(update_fields=["current_task_state"])
        else:
            workflow_state.status = WorkflowState.STATUS_APPROVED
            workflow_state.save(update_fields=["status"])
            PublishSignedOff(review, user=self.user).execute()
            workflow_approved.send(sender=WorkflowState, instance=workflow_state, user=self.user)
        task_approved.send(
            sender=type(review.task_state), instance=review.task_state, user=self.user
        )
