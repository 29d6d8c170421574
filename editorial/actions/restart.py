"""Restart review when the content changes during it.

Any new or overwritten revision of a page in review (an edit, an autosave, a revert) whose
content differs from what the current stage is pinned to cancels that stage and starts the
first stage again, pinned to the new content: earlier approvals no longer count. Called by
the publish guard's receiver after every page revision is saved.
"""

from wagtail.models import TaskState, WorkflowState

from editorial.actions.base import EditorialAction, ReviewRound, page_of, stages_of
from editorial.actions.stages import start_pinned_stage
from editorial.content import revision_content_hash
from editorial.signals import emit


class RestartReview(EditorialAction):
    def __init__(self, revision, user=None):
        self.revision = revision
        self.user = user or revision.user

    def failures(self):
        return []

    def execute(self):
        revision = self.revision
        workflow_state = (
            WorkflowState.objects.active()
            .filter(
                base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
            )
            .select_related("current_task_state")
            .first()
        )
        if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            return None
        current = workflow_state.current_task_state
        if current is None or current.status != TaskState.STATUS_IN_PROGRESS:
            return None
        from editorial.models import PinnedTaskState

        current = current.specific
        if not isinstance(current, PinnedTaskState):
            return None
        content_hash = revision_content_hash(revision)
        if content_hash == current.content_hash:
            return None
        current.status = TaskState.STATUS_CANCELLED
        current.finished_by = self.user
        current.comment = "content changed during review"
        current.save(update_fields=["status", "finished_by", "comment", "finished_at"])
        stages = stages_of(workflow_state.workflow_id)
        page = page_of(workflow_state)
        review = ReviewRound(
            workflow_state=workflow_state,
            task_state=current,
            task=stages[0],
            stages=stages,
            page=page,
            revision=revision,
            content_hash=content_hash,
        )
        workflow_state.current_task_state = start_pinned_stage(stages[0], review, user=self.user)
        workflow_state.save()
        emit(
            "review_restart",
            page=page,
            actor=self.user,
            revision=revision,
            content_hash=content_hash,
            stage=stages[0],
        )
        return workflow_state.current_task_state
