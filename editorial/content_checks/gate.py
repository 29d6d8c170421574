"""Submission goes through the content checks, whichever way a review is started.

Wagtail starts a review itself (the admin's "Submit for review", ``Workflow.start`` and
``WorkflowState.resume`` from code): a ``pre_save`` receiver on ``WorkflowState`` (connected by
``connect``) asks the rulebook (``editorial.rules.submit_failures``) before the workflow state is
first written, so a refused submission leaves no workflow state behind and an existing one
unchanged. The draft revision saved before submitting stays saved (``editorial.middleware``
keeps it). Approval runs the same checks through ``editorial.rules.approve_failures``.

Import direction: used by ``editorial.apps``; imports ``editorial.rules`` and Wagtail only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery
from django.db.models.signals import pre_save
from wagtail.models import Page, Revision, WorkflowState


def findings_of_revision(revision):
    """Findings of the content of ``revision``, exactly as it would go live."""
    from editorial.content_checks import run_checks

    return run_checks(revision.as_object())


def is_submission(workflow_state):
    """A workflow state about to be saved as in progress without a current task: Wagtail's
    ``Workflow.start`` (a new state) and ``WorkflowState.resume`` (after changes were
    requested) both save it so before starting the first task. Moving on to the next stage and
    restarting review set the current task first."""
    return (
        workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        and workflow_state.current_task_state_id is None
    )


def _latest_page_revision(workflow_state):
    base = ContentType.objects.get_for_id(workflow_state.base_content_type_id)
    if base.model_class() is not Page:
        return None
    # The page's latest revision, in one query.
    latest = Page.objects.filter(pk=workflow_state.object_id).values("latest_revision_id")[:1]
    return Revision.objects.filter(pk=Subquery(latest)).first()


def _workflow_state_pre_save(sender, instance, raw=False, **kwargs):
    from editorial import rules

    if raw or not is_submission(instance):
        return
    revision = _latest_page_revision(instance)
    if revision is None:
        return
    failures = rules.submit_failures(revision)
    if not failures:
        return
    if instance.pk:
        # ``resume`` changed the instance in memory before saving: put it back as stored.
        stored = WorkflowState.objects.filter(pk=instance.pk).first()
        if stored is not None:
            instance.status = stored.status
            instance.current_task_state_id = stored.current_task_state_id
    raise failures[0]


def connect():
    pre_save.connect(
        _workflow_state_pre_save, sender=WorkflowState, dispatch_uid="editorial-check-submission"
    )
