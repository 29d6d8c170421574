"""The content checks govern review: the one place their findings refuse or let pass.

- **Submission** (a workflow started, or resumed after "request changes"; from the admin's
  "Submit for review" or from code): ``check_submission`` runs the checks on the page's latest
  revision and raises ``SubmissionBlockedError`` for any error that blocks submission
  (``Finding.blocks_submission``: every error except ``source.unverified``, which only an
  editor can resolve, during review). It runs in a ``pre_save`` receiver on ``WorkflowState``
  (connected by ``connect``), before the workflow state is first written, so a refused
  submission leaves no workflow state behind and an existing one unchanged. The draft revision
  saved before submitting stays saved (``editorial.middleware`` keeps it).
- **Approval** (every stage): ``check_approval`` runs the checks on exactly the revision being
  approved. Any error raises ``ApprovalBlockedError``; every warning must be acknowledged by
  the approving reviewer (``acknowledged``: ``Finding.key`` values, ``Finding`` objects or
  ``(code, passage)`` pairs), otherwise ``WarningsNotAcknowledgedError`` lists what was not.
  It returns the acknowledgement (``acknowledgement_record``) that ``editorial.review``
  writes into the approval's log entry, and so into the approval ledger.

Import direction: used by ``editorial.review`` and ``editorial.apps``; imports ``editorial``'s
checks, exceptions and Wagtail only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery
from django.db.models.signals import pre_save
from wagtail.models import Page, Revision, WorkflowState

from editorial.checks import run_checks
from editorial.exceptions import (
    ApprovalBlockedError,
    SubmissionBlockedError,
    WarningsNotAcknowledgedError,
)


def findings_of_revision(revision):
    """Findings of the content of ``revision``, exactly as it would go live."""
    return run_checks(revision.as_object())


def check_submission(revision):
    """Raise ``SubmissionBlockedError`` when ``revision`` has an error that blocks submission."""
    blocking = [f for f in findings_of_revision(revision) if f.blocks_submission]
    if blocking:
        raise SubmissionBlockedError(blocking, page_id=int(revision.object_id))


def acknowledged_keys(acknowledged):
    """Keys of what a reviewer acknowledged: ``Finding.key`` strings, ``Finding`` objects or
    ``(code, passage)`` pairs."""
    from editorial.checks import WARNING, Finding

    keys = set()
    for item in acknowledged or ():
        if isinstance(item, Finding):
            keys.add(item.key)
        elif isinstance(item, tuple | list) and len(item) == 2:
            code, passage = item
            keys.add(Finding(WARNING, str(code), "", str(passage)).key)
        elif isinstance(item, str) and item:
            keys.add(item)
    return keys


def acknowledgement_record(warnings):
    """What the ledger keeps of acknowledged warnings: code, passage and message of each."""
    return [{"code": w.code, "passage": w.passage, "message": str(w.message)} for w in warnings]


def check_approval(revision, acknowledged=()):
    """Refuse approving ``revision`` with errors or unacknowledged warnings; return the
    acknowledgement record of its warnings (empty when there are none)."""
    findings = findings_of_revision(revision)
    errors = [f for f in findings if f.is_error]
    page_id = int(revision.object_id)
    if errors:
        raise ApprovalBlockedError(errors, page_id=page_id)
    warnings = [f for f in findings if f.is_warning]
    keys = acknowledged_keys(acknowledged)
    missing = [w for w in warnings if w.key not in keys]
    if missing:
        raise WarningsNotAcknowledgedError(missing, page_id=page_id)
    return acknowledgement_record(warnings)


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
    if raw or not is_submission(instance):
        return
    revision = _latest_page_revision(instance)
    if revision is None:
        return
    try:
        check_submission(revision)
    except SubmissionBlockedError:
        if instance.pk:
            # ``resume`` changed the instance in memory before saving: put it back as stored.
            stored = WorkflowState.objects.filter(pk=instance.pk).first()
            if stored is not None:
                instance.status = stored.status
                instance.current_task_state_id = stored.current_task_state_id
        raise


def connect():
    pre_save.connect(
        _workflow_state_pre_save, sender=WorkflowState, dispatch_uid="editorial-check-submission"
    )
