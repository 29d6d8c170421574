"""Starting a review stage, pinned to the content it reviews.

Wagtail starts stages itself (``Workflow.start`` on submission, ``WorkflowState.resume`` after
"request changes"): ``ReviewTask.start`` calls ``start_stage``. The review actions start the
next stage, or restart review, with ``start_pinned_stage`` and the content they have read.

A stage starts pinned to the hash of the page's latest revision. A later stage whose earlier
stages did not approve that content starts the first stage instead.
"""

from editorial import notifications
from editorial.actions.base import ReviewRound


def start_stage(task, workflow_state, user=None):
    """``ReviewTask.start``: Wagtail starts ``task`` on ``workflow_state``."""
    review = ReviewRound.of(workflow_state)
    approved = {a.task_id for a in review.approvals()}
    if not all(stage.pk in approved for stage in review.earlier_stages(task)):
        # The content differs from what the earlier stages approved: back to the first stage.
        task = review.stages[0] if review.stages else task
    return _start(task, workflow_state, review.content_hash, user)


def start_pinned_stage(task, review, *, user=None, content_hash=None):
    """Start ``task`` of ``review`` pinned to ``content_hash`` (the round's by default)."""
    return _start(task, review.workflow_state, content_hash or review.content_hash, user)


def _start(task, workflow_state, content_hash, user):
    task_state = task.start_pinned(workflow_state, content_hash, user=user)
    notifications.notify_stage_reviewers(task_state.pk)
    return task_state
