"""Making demo and test content live the way a person would: through review.

Demo content (seed_demo) and test fixtures never call ``publish()`` directly (the publish guard
would refuse it); they go through ``publish_reviewed``, which submits the page to its review
workflow as ``author`` and has each reviewer approve their stage in turn, so the rules that
govern staff govern them too. The final sign-off publishes.
"""

from wagtail.models import Page, WorkflowState

from editorial.actions import ApproveStage, SubmitForReview, VerifySource
from editorial.content_checks.gate import findings_of_revision


def publish_reviewed(page, *, author, reviewers=(), acknowledge=()):
    """Save the page's current content as a revision by ``author``, submit it for review and
    have ``reviewers`` (in stage order: editor, chief editor) approve it.

    ``acknowledge``: the content-check warnings each reviewer acknowledges, as
    ``(code, passage)`` pairs, or a bare code (``"link.unknown_domain"``) for every warning of
    that code, as a reviewer ticks them in the Approve dialog; a warning not listed refuses the
    approval, like in the admin. The acknowledgement (each warning, with its passage) is
    recorded in the approval ledger under the reviewer's name.

    Raises an ``editorial.exceptions.EditorialRefusal`` when a rule refuses (e.g. a reviewer
    who is also the author, a social-network source without verification, a content-check
    error or an unacknowledged warning).
    """
    page = page.specific
    page.save_revision(user=author, log_action=True)
    workflow_state = SubmitForReview(page, author).execute()
    for reviewer in reviewers:
        workflow_state.refresh_from_db()
        task_state = workflow_state.current_task_state
        if task_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            break
        ApproveStage(
            task_state.specific,
            reviewer,
            acknowledged_warnings=_acknowledged(page, acknowledge),
        ).execute()
    page.refresh_from_db()
    return page


def _acknowledged(page, acknowledge):
    """The current warnings of the page's latest revision that ``acknowledge`` lists."""
    codes = {item for item in acknowledge if isinstance(item, str)}
    pairs = {tuple(item) for item in acknowledge if not isinstance(item, str)}
    if not (codes or pairs):
        return []
    revision = Page.objects.get(pk=page.pk).get_latest_revision()
    return [
        finding
        for finding in findings_of_revision(revision)
        if finding.is_warning
        and (finding.code in codes or (finding.code, finding.passage) in pairs)
    ]


def record_verification(page, *, editor, original_post_url, note, sources):
    """Record an editor's verification of a social-network source. ``sources``: URLs."""
    return VerifySource(page, editor, original_post_url, note, sources).execute()
