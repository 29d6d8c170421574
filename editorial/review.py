"""The review rules: the one place review actions are decided.

- ``start_stage``: a stage starts pinned to the hash of the page's latest revision. A later
  stage whose earlier approvals do not match that hash starts the first stage instead.
- ``approve`` / ``request_changes`` / ``reject``: lock the task state row, then enforce the
  rules (reviewer of the stage, four eyes, content unchanged since the stage started,
  social-network verification, the content checks on exactly the revision approved: no error,
  every warning acknowledged by the reviewer) and record a pinned ``ReviewApproval``. The
  acknowledged warnings go into the approval's log entry (``acknowledged_warnings``,
  ``acknowledged_by``), hence into the approval ledger.
- ``restart_if_changed``: any new or overwritten revision during review whose content differs
  from the pin restarts review at the first stage (earlier approvals no longer count).
- ``publish_signed_off``: Wagtail's finish action (``WAGTAIL_FINISH_WORKFLOW_ACTION``): checks
  every stage approved the same content, records a ``PublicationClearance`` and publishes
  exactly that revision.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page, Revision, Task, TaskState, WorkflowState
from wagtail.signals import workflow_cancelled

from cms.models import ArticlePage
from editorial import exceptions, notifications
from editorial.checks import gate
from editorial.content import revision_content_hash
from editorial.models import (
    PinnedTaskState,
    PublicationClearance,
    ReviewApproval,
    ReviewTask,
    SourceVerification,
)
from editorial.signals import emit

logger = logging.getLogger(__name__)


class _Action:
    """What one approval has already read, for the code Wagtail runs inside it (starting the
    next stage, the finish action): the stages, the page, and the revision approved with its
    content hash. It lives on the locked workflow state for the duration of ``approve`` only.

    The latest revision is read again wherever it was read before (starting a stage, the finish
    action): a revision saved meanwhile is seen as it always was. Only its hash is reused, when
    its content is exactly the content already hashed."""

    def __init__(self):
        self.stages = None
        self.page = None
        self.revision = None
        self.content_hash = ""


def _action(workflow_state):
    return getattr(workflow_state, "_editorial_action", None)


def page_of(workflow_state, *, with_latest_revision=False):
    """The workflow state's page as its specific type, in one query (the workflow state holds
    the page's specific content type), with its latest revision if asked."""
    action = _action(workflow_state)
    if action is not None and action.page is not None:
        return action.page
    model = ContentType.objects.get_for_id(workflow_state.content_type_id).model_class()
    page = None
    if model is not None and issubclass(model, Page):
        pages = model._default_manager.filter(pk=workflow_state.object_id)
        if with_latest_revision:
            pages = pages.select_related("latest_revision")
        page = pages.first()
    if page is None or type(page) is not page.specific_class:
        page = Page.objects.get(pk=workflow_state.object_id).specific
    if action is not None:
        action.page = page
    return page


def stage_tasks(workflow):
    return _stage_tasks_of(workflow.pk)


def _stage_tasks_of(workflow_id):
    return list(
        Task.objects.filter(workflow_tasks__workflow_id=workflow_id, active=True)
        .order_by("workflow_tasks__sort_order")
        .specific()
    )


def _stages(workflow_state):
    """The active stages of the workflow state's workflow, in order (read once per approval)."""
    action = _action(workflow_state)
    if action is not None and action.stages is not None:
        return action.stages
    stages = _stage_tasks_of(workflow_state.workflow_id)
    if action is not None:
        action.stages = stages
    return stages


def latest_hash(page):
    revision = page.get_latest_revision()
    return revision, (revision_content_hash(revision) if revision else "")


def _latest_revision_hash(page_id, action=None):
    """The page's latest revision, read now (one query), and its content hash."""
    # With its author: publishing reports who wrote the revision that goes live.
    revision = (
        Revision.objects.filter(
            pk=Subquery(Page.objects.filter(pk=page_id).values("latest_revision_id")[:1])
        )
        .select_related("user")
        .first()
    )
    if revision is None:
        return None, ""
    if (
        action is not None
        and action.revision is not None
        and revision.pk == action.revision.pk
        and revision.content == action.revision.content
    ):
        return revision, action.content_hash
    return revision, revision_content_hash(revision)


def current_approvals(workflow_state, content_hash):
    """Approvals in this review round that still count: those of exactly this content."""
    return ReviewApproval.objects.filter(
        workflow_state=workflow_state, content_hash=content_hash
    ).select_related("user", "task")


def authors_of(page, workflow_state=None):
    """Everyone who edited the page since its content was last approved and live (one query:
    the revisions after the one of the page's latest live clearance)."""
    last_cleared = (
        PublicationClearance.objects.filter(page=page, status=PublicationClearance.Status.LIVE)
        .order_by("-created_at", "-pk")
        .values("revision_id")[:1]
    )
    cleared = Coalesce(Subquery(last_cleared), Value(0))
    ids = set(
        Revision.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            id__gt=cleared,
        )
        .exclude(user=None)
        .values_list("user_id", flat=True)
    )
    if workflow_state is not None and workflow_state.requested_by_id:
        ids.add(workflow_state.requested_by_id)
    return ids


def start_stage(task, workflow_state, user=None):
    pinned_revision = getattr(workflow_state, "_editorial_revision", None)
    if pinned_revision is not None:
        # A restart from a revision being saved: the page does not point to it yet.
        content_hash = revision_content_hash(pinned_revision)
    else:
        _revision, content_hash = _latest_revision_hash(
            int(workflow_state.object_id), _action(workflow_state)
        )
    tasks = _stages(workflow_state)
    earlier = (
        tasks[: [t.pk for t in tasks].index(task.pk)] if task.pk in [t.pk for t in tasks] else []
    )
    approved_earlier = {a.task_id for a in current_approvals(workflow_state, content_hash)}
    if earlier and not all(t.pk in approved_earlier for t in earlier):
        # Content differs from what the earlier stages approved: back to the first stage.
        task = tasks[0]
    task_state = task._start_pinned(workflow_state, content_hash, user=user)
    notifications.notify_stage_reviewers(task_state.pk)
    return task_state


def _lock_task_state(task_state):
    """Row locks on the task state and its workflow state, in one query: of two reviewers
    acting at once, one waits, then sees the first one's result."""
    locked = (
        PinnedTaskState.objects.select_for_update()
        .select_related("workflow_state")
        .filter(pk=task_state.pk)
        .first()
    )
    if locked is None or locked.status != TaskState.STATUS_IN_PROGRESS:
        raise exceptions.AlreadyHandledError()
    workflow_state = locked.workflow_state
    if (
        workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != locked.pk
    ):
        raise exceptions.AlreadyHandledError()
    return locked, workflow_state


def _task_of(task_state, workflow_state):
    """The task state's stage, from the stages an approval reads anyway."""
    for stage in _stages(workflow_state):
        if stage.pk == task_state.task_id:
            return stage
    return task_state.task.specific


def _check_reviewer(task, user):
    if not task.user_is_reviewer(user):
        raise exceptions.NotAReviewerError()


def check_verification(page):
    if isinstance(page, ArticlePage) and page.is_social_network_source:
        verifications = SourceVerification.objects.filter(page=page).prefetch_related("sources")
        if not any(v.is_complete() for v in verifications):
            raise exceptions.VerificationRequiredError()


def check_can_approve(task_state, workflow_state, task, page, user, content_hash):
    _check_reviewer(task, user)
    if content_hash != task_state.content_hash:
        raise exceptions.ContentChangedError()
    if user.pk in authors_of(page, workflow_state):
        raise exceptions.SelfApprovalError()
    approvals = list(current_approvals(workflow_state, content_hash))
    if any(a.user_id == user.pk for a in approvals):
        raise exceptions.SameReviewerError()
    tasks = _stages(workflow_state)
    position = [t.pk for t in tasks].index(task.pk)
    approved = {a.task_id for a in approvals}
    if not all(t.pk in approved for t in tasks[:position]):
        raise exceptions.ContentChangedError()
    check_verification(page)


def _person(user):
    return {"id": user.pk, "username": user.get_username(), "full_name": user.get_full_name()}


@transaction.atomic
def approve(task_state, user, comment="", acknowledged_warnings=()):
    """Approve the stage of ``task_state`` as ``user``.

    ``acknowledged_warnings``: the content-check warnings the reviewer acknowledges, as
    ``Finding.key`` values (what the Approve dialog posts), ``Finding`` objects or
    ``(code, passage)`` pairs. Every warning of the revision being approved must be among them
    (``WarningsNotAcknowledgedError`` otherwise); any error refuses the approval
    (``ApprovalBlockedError``).
    """
    task_state, workflow_state = _lock_task_state(task_state)
    action = workflow_state._editorial_action = _Action()
    try:
        _approve(task_state, workflow_state, action, user, comment, acknowledged_warnings)
    finally:
        del workflow_state._editorial_action
    return task_state


def _approve(task_state, workflow_state, action, user, comment, acknowledged_warnings):
    task = _task_of(task_state, workflow_state)
    page = page_of(workflow_state, with_latest_revision=True)
    revision, content_hash = latest_hash(page)
    action.revision, action.content_hash = revision, content_hash
    check_can_approve(task_state, workflow_state, task, page, user, content_hash)
    if revision is not None:
        # The content checks build the revision's page from the page just read.
        Revision.content_object.field.set_cached_value(revision, page)
    acknowledged = gate.check_approval(revision, acknowledged_warnings)
    check_extra = (
        {"acknowledged_warnings": acknowledged, "acknowledged_by": _person(user)}
        if acknowledged
        else {}
    )
    ReviewApproval.objects.create(
        workflow_state=workflow_state,
        task_state=task_state,
        task=task,
        page=page,
        revision=revision,
        content_hash=content_hash,
        user=user,
        comment=comment,
    )
    is_final = task.pk == _stages(workflow_state)[-1].pk
    emit(
        "sign_off" if is_final else "approve",
        page=page,
        actor=user,
        revision=revision,
        content_hash=content_hash,
        stage=task,
        comment=comment,
        **check_extra,
    )
    # Wagtail moves the workflow on (next stage, or the finish action) from these objects,
    # already read: its log entry names the page, the stage and the revision.
    workflow_state.current_task_state = task_state
    _hand_over(task_state, task, page, revision, _stages(workflow_state))
    task_state.approve(user=user, comment=comment)


def _hand_over(task_state, task, page, revision=None, stages=None):
    """What ``PinnedTaskState.log_state_change_action`` names, already read."""
    task_state._editorial_task = task
    task_state._editorial_page = page
    task_state._editorial_stages = stages
    if revision is not None and revision.pk == task_state.revision_id:
        task_state.revision = revision


@transaction.atomic
def request_changes(task_state, user, comment=""):
    if not (comment or "").strip():
        raise exceptions.CommentRequiredError()
    task_state, workflow_state = _lock_task_state(task_state)
    task = task_state.task.specific
    _check_reviewer(task, user)
    page = page_of(workflow_state)
    _hand_over(task_state, task, page)
    task_state.reject(user=user, comment=comment)
    emit(
        "request_changes",
        page=page,
        actor=user,
        revision=task_state.revision,
        content_hash=task_state.content_hash,
        stage=task,
        comment=comment,
    )
    notifications.notify_author(workflow_state.pk, "request_changes", comment)
    return task_state


@transaction.atomic
def reject(task_state, user, comment=""):
    task_state, workflow_state = _lock_task_state(task_state)
    task = task_state.task.specific
    _check_reviewer(task, user)
    page = page_of(workflow_state)
    _hand_over(task_state, task, page)
    task_state.reject(user=user, update=False, comment=comment)
    workflow_state.refresh_from_db()
    # The rejection ends the review. WorkflowState.cancel() would log a second event
    # (wagtail.workflow.cancel) for the same decision; the one event is portal.review.reject.
    workflow_state.status = WorkflowState.STATUS_CANCELLED
    workflow_state.save(update_fields=["status"])
    workflow_cancelled.send(sender=WorkflowState, instance=workflow_state, user=user)
    emit(
        "reject",
        page=page,
        actor=user,
        revision=task_state.revision,
        content_hash=task_state.content_hash,
        stage=task,
        comment=comment,
    )
    notifications.notify_author(workflow_state.pk, "reject", comment)
    return task_state


def restart_if_changed(revision, user=None):
    """Called after any revision of a page is saved (created or overwritten)."""
    page_id = revision.object_id
    workflow_state = (
        WorkflowState.objects.active()
        .filter(base_content_type_id=revision.base_content_type_id, object_id=page_id)
        .select_related("current_task_state")
        .first()
    )
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    current = workflow_state.current_task_state
    if current is None or current.status != TaskState.STATUS_IN_PROGRESS:
        return
    current = current.specific
    if not isinstance(current, PinnedTaskState):
        return
    content_hash = revision_content_hash(revision)
    if content_hash == current.content_hash:
        return
    restart_review(
        workflow_state,
        current,
        user=user or revision.user,
        revision=revision,
        content_hash=content_hash,
    )


def restart_review(workflow_state, current_task_state, *, user, revision, content_hash):
    current_task_state.status = TaskState.STATUS_CANCELLED
    current_task_state.finished_by = user
    current_task_state.comment = "content changed during review"
    current_task_state.save(update_fields=["status", "finished_by", "comment", "finished_at"])
    first = _stages(workflow_state)[0]
    workflow_state._editorial_revision = revision
    workflow_state.current_task_state = first.start(workflow_state, user=user)
    del workflow_state._editorial_revision
    workflow_state.save()
    page = page_of(workflow_state)
    emit(
        "review_restart",
        page=page,
        actor=user,
        revision=revision,
        content_hash=content_hash,
        stage=first,
    )


def publish_signed_off(workflow_state, user=None):
    """Finish action of every workflow: publish exactly the content every stage approved."""
    page = page_of(workflow_state)
    revision, content_hash = _latest_revision_hash(page.pk, _action(workflow_state))
    tasks = _stages(workflow_state)
    approvals = list(current_approvals(workflow_state, content_hash))
    approved_tasks = {a.task_id for a in approvals}
    approvers = [a.user_id for a in approvals]
    if (
        revision is None
        or not tasks
        or not all(isinstance(t, ReviewTask) for t in tasks)
        or not all(t.pk in approved_tasks for t in tasks)
        or len(set(approvers)) != len(approvers)
    ):
        raise exceptions.UnreviewedPublishError()
    PublicationClearance.objects.create(
        page=page,
        revision=revision,
        workflow_state=workflow_state,
        content_hash=content_hash,
        signed_off_by=user or approvals[-1].user,
    )
    revision.publish(user=user, skip_permission_checks=True)
    notifications.notify_author(workflow_state.pk, "published", "")
