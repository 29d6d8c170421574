"""What every editorial action shares: the action shape and the review round it acts on.

An action, as in Wagtail's ``wagtail/actions/``, is one mutation with its rules: ``check()``
raises the first refusal of the rulebook (``editorial.rules``), ``execute()`` checks, then makes
the change, its log entry and its editorial event (``editorial.signals.emit``, which the
ledger records) in one transaction. Admin views, tasks, commands, the demo and the tests call
actions; none of them writes review state on its own.

``ReviewRound``: one review in progress, read once by the action that acts on it (the locked
task state, its workflow state, the active stages in order, the page, the revision being
reviewed and its content hash) and handed on in arguments to whatever runs next in the same
action (the next stage, the publication).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Task, TaskState, WorkflowState

from editorial import exceptions
from editorial.content import revision_content_hash


class EditorialAction:
    """``check()`` raises the first refusal; ``execute()`` checks, then acts."""

    def failures(self):  # pragma: no cover - every action defines its rules
        raise NotImplementedError

    def check(self):
        failures = self.failures()
        if failures:
            raise failures[0]

    def execute(self):  # pragma: no cover - every action defines its change
        raise NotImplementedError


def stages_of(workflow_id):
    """The active stages of a workflow, in order, as their specific task types."""
    return list(
        Task.objects.filter(workflow_tasks__workflow_id=workflow_id, active=True)
        .order_by("workflow_tasks__sort_order")
        .specific()
    )


def page_of(workflow_state, *, with_latest_revision=False):
    """The workflow state's page as its specific type, in one query (the workflow state holds
    the page's specific content type), with its latest revision if asked."""
    model = ContentType.objects.get_for_id(workflow_state.content_type_id).model_class()
    page = None
    if model is not None and issubclass(model, Page):
        pages = model._default_manager.filter(pk=workflow_state.object_id)
        if with_latest_revision:
            pages = pages.select_related("latest_revision")
        page = pages.first()
    if page is None or type(page) is not page.specific_class:
        page = Page.objects.get(pk=workflow_state.object_id).specific
    return page


def latest_revision_of(page_id):
    """The page's latest revision as stored now, with its author (one query)."""
    return (
        Revision.objects.filter(
            pk=Subquery(Page.objects.filter(pk=page_id).values("latest_revision_id")[:1])
        )
        .select_related("user")
        .first()
    )


def authors_of(page, workflow_state=None):
    """Everyone who edited the page since its content was last approved and live (one query:
    the revisions after the one of the page's latest live clearance), and who submitted it."""
    from editorial.models import PublicationClearance

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


@dataclass
class ReviewRound:
    workflow_state: WorkflowState
    task_state: TaskState  # the current stage's (PinnedTaskState)
    task: Task  # the current stage, specific
    stages: list
    page: Page
    revision: Revision | None
    content_hash: str
    _approvals: list | None = field(default=None, repr=False)

    @classmethod
    def lock(cls, task_state):
        """Row locks on the task state and its workflow state (one query), then the round as
        it is now: of two reviewers acting at once, one waits, then sees the first's result."""
        from editorial.models import PinnedTaskState

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
        return cls.of(workflow_state, locked)

    @classmethod
    def of(cls, workflow_state, task_state=None):
        stages = stages_of(workflow_state.workflow_id)
        page = page_of(workflow_state, with_latest_revision=True)
        revision = page.latest_revision if page.latest_revision_id else None
        task = None
        if task_state is not None:
            task = next((s for s in stages if s.pk == task_state.task_id), None)
            task = task or task_state.task.specific
        return cls(
            workflow_state=workflow_state,
            task_state=task_state,
            task=task,
            stages=stages,
            page=page,
            revision=revision,
            content_hash=revision_content_hash(revision) if revision is not None else "",
        )

    def approvals(self):
        """Approvals in this review round that still count: those of exactly this content."""
        from editorial.models import ReviewApproval

        if self._approvals is None:
            self._approvals = list(
                ReviewApproval.objects.filter(
                    workflow_state=self.workflow_state, content_hash=self.content_hash
                ).select_related("user", "task")
            )
        return self._approvals

    def authors(self):
        return authors_of(self.page, self.workflow_state)

    def stage_records(self):
        """The approvals that count, as the clearance records them (``rules.stage_records``)."""
        from editorial.rules import stage_records

        return stage_records(self.approvals())

    @cached_property
    def _findings(self):
        from editorial.content_checks import run_checks

        # The content checks build the revision's page from the page already read.
        Revision.content_object.field.set_cached_value(self.revision, self.page)
        return run_checks(self.revision.as_object())

    def findings(self):
        return self._findings

    def position(self, task=None):
        ids = [stage.pk for stage in self.stages]
        task = task or self.task
        return ids.index(task.pk) if task.pk in ids else 0

    def earlier_stages(self, task=None):
        return self.stages[: self.position(task)]

    @property
    def is_final_stage(self):
        return bool(self.stages) and self.task.pk == self.stages[-1].pk

    @property
    def next_stage(self):
        position = self.position()
        return self.stages[position + 1] if position + 1 < len(self.stages) else None


def finish_task_state(task_state, status, user, comment=""):
    """Close a stage's task state as approved, rejected or cancelled (Wagtail's fields)."""
    from django.utils import timezone

    task_state.status = status
    task_state.finished_at = timezone.now()
    task_state.finished_by = user
    task_state.comment = comment
    task_state.save(update_fields=["status", "finished_at", "finished_by", "comment"])


def close_rejected(review, user, comment, *, workflow_status, workflow_signal, event):
    """Close the current stage as rejected (request changes or reject): its fields, Wagtail's
    ``wagtail.workflow.reject`` entry and ``task_rejected`` signal; then the review's new
    ``workflow_status`` with Wagtail's ``workflow_signal``, the editorial ``event`` and the
    author's e-mail."""
    from wagtail.signals import task_rejected

    from editorial import notifications
    from editorial.signals import emit

    task_state = review.task_state
    finish_task_state(task_state, TaskState.STATUS_REJECTED, user, comment)
    log_task_state_change(review, "reject", user, next_stage=review.task)
    task_rejected.send(sender=type(task_state), instance=task_state, user=user)
    workflow_state = review.workflow_state
    workflow_state.status = workflow_status
    workflow_state.save(update_fields=["status"])
    workflow_signal.send(sender=WorkflowState, instance=workflow_state, user=user)
    emit(
        event,
        page=review.page,
        actor=user,
        revision=task_state.revision,
        content_hash=task_state.content_hash,
        stage=review.task,
        comment=comment,
    )
    notifications.notify_author(workflow_state.pk, event, comment)
    return task_state


def log_task_state_change(review, action, user, *, next_stage=None):
    """Wagtail's ``wagtail.workflow.approve`` / ``reject`` entry of the page history, with the
    data Wagtail writes (``TaskState.log_state_change_action``), naming what the action read.
    ``next_stage``: the stage Wagtail's ``get_next_task`` names: the following one after an
    approval, the same one after a rejection (it is not approved)."""
    task_state = review.task_state
    workflow = review.workflow_state.workflow
    log(
        instance=review.page,
        action=f"wagtail.workflow.{action}",
        user=user,
        data={
            "workflow": {
                "id": workflow.id,
                "title": workflow.name,
                "status": task_state.status,
                "task_state_id": task_state.id,
                "task": {"id": review.task.id, "title": review.task.name},
                "next": {"id": next_stage.id, "title": next_stage.name} if next_stage else None,
            },
            "comment": task_state.get_comment(),
        },
        revision=task_state.revision,
    )


def person(user):
    return {"id": user.pk, "username": user.get_username(), "full_name": user.get_full_name()}
