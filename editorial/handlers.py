"""Receivers that keep clearances in step with what is live, and report editorial events.

- A page going live marks its clearance LIVE; every other clearance of the page is
  SUPERSEDED (re-publishing older approved content needs review again).
- A page going offline (unpublish, takedown, expiry) REVOKES all its clearances:
  republishing goes through review again.
"""

from django.db.models import Case, Value, When
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    workflow_submitted,
)

from editorial.content import page_content_hash, revision_content_hash
from editorial.models import PublicationClearance
from editorial.signals import editorial_event, emit


def on_page_published(sender, instance, revision=None, **kwargs):
    if not instance.live:
        return
    # The content that went live: the revision published (its content is what the guard let
    # through), or the page itself when it went live without one (an alias update).
    content_hash = (
        revision_content_hash(revision) if revision is not None else page_content_hash(instance)
    )
    # One statement: the clearance of the content now live becomes LIVE, the others SUPERSEDED.
    PublicationClearance.objects.filter(
        page_id=instance.pk, status__in=PublicationClearance.VALID
    ).update(
        status=Case(
            When(content_hash=content_hash, then=Value(PublicationClearance.Status.LIVE)),
            default=Value(PublicationClearance.Status.SUPERSEDED),
        )
    )
    emit(
        "publish",
        page=instance,
        actor=getattr(revision, "user", None) if revision else None,
        revision=revision,
        content_hash=content_hash,
    )


def on_page_unpublished(sender, instance, **kwargs):
    PublicationClearance.objects.filter(
        page_id=instance.pk, status__in=PublicationClearance.VALID
    ).update(status=PublicationClearance.Status.REVOKED)
    emit("unpublish", page=instance)


def on_page_moved(sender, instance, **kwargs):
    emit(
        "move",
        page=instance,
        url_path_before=kwargs.get("url_path_before"),
        url_path_after=kwargs.get("url_path_after"),
    )


REVIEW_LOG_ACTION_NAMES = {
    "submit": "portal.review.submit",
    "approve": "portal.review.approve",
    "sign_off": "portal.review.sign_off",
    "request_changes": "portal.review.request_changes",
    "reject": "portal.review.reject",
    "review_restart": "portal.review.restart",
    "takedown": "portal.review.takedown",
    "verification": "portal.review.verification",
}


# Details of an event that its log entry (and so its ledger entry) keeps.
LOGGED_EXTRA = ("acknowledged_warnings", "acknowledged_by")


def log_review_event(
    sender, action, actor, page, revision, content_hash, stage, comment, extra=None, **kwargs
):
    """Review events in the page's history (Wagtail's audit log)."""
    from wagtail.log_actions import log

    name = REVIEW_LOG_ACTION_NAMES.get(action)
    if name is None or page is None or page.pk is None:
        return
    data = {
        "content_hash": content_hash,
        "stage": {"id": stage.pk, "title": stage.name} if stage is not None else None,
        "comment": str(comment),
    }
    data.update({key: extra[key] for key in LOGGED_EXTRA if key in (extra or {})})
    log(instance=page, action=name, user=actor, revision=revision, data=data)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    from wagtail.models import Page

    from editorial.actions.base import page_of

    try:
        page = page_of(instance)
    except Page.DoesNotExist:
        return
    # Workflow.start has already started the first stage: the submission names it, the
    # revision it started on and the content hash it was pinned to.
    task_state = instance.current_task_state
    task_state = task_state.specific if task_state is not None else None
    emit(
        "submit",
        page=page,
        actor=user,
        revision=task_state.revision if task_state is not None else page.get_latest_revision(),
        content_hash=getattr(task_state, "content_hash", "") or "",
        stage=task_state.task.specific if task_state is not None else None,
    )


def connect():
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="editorial-submitted")
    editorial_event.connect(log_review_event, dispatch_uid="editorial-log")
    page_published.connect(on_page_published, dispatch_uid="editorial-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="editorial-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="editorial-moved")


def replace_wagtail_review_emails():
    """Wagtail's own workflow e-mails are sent in the request and would duplicate
    editorial.notifications (sent in the background); they are switched off. A receiver that
    was not found (an upstream rename) is logged: its e-mails would go out beside ours."""
    import logging

    from portal_site.wagtail_compat import disconnect_wagtail_workflow_emails

    missing = disconnect_wagtail_workflow_emails()
    if missing:
        logging.getLogger(__name__).warning(
            "Wagtail's workflow e-mail receivers not found (sent twice?): %s", ", ".join(missing)
        )
