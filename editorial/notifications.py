"""E-mail notifications of review events, sent in the background (django-tasks).

The next stage's reviewers hear that something waits for them; the author hears about
requested changes, rejection and publication. Sending is enqueued after the transaction
commits; a failure of the queue is logged, never raised, and a failure of the mail server fails
the task, which the worker retries: a mail problem never blocks a review.

Tests use django-tasks' immediate backend (sends in-process after commit).
Development and production queue them in the database (django-tasks-db, ``TASKS`` in
portal_site.settings.base); ``manage.py run_worker`` sends them, retrying failures.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)


def _enqueue(task_obj, *args):
    def send():
        try:
            task_obj.enqueue(*args)
        except Exception:
            logger.exception("Could not enqueue review notification %s%r", task_obj.name, args)

    transaction.on_commit(send)


def notify_stage_reviewers(task_state_id):
    _enqueue(send_stage_notification, task_state_id)


def notify_author(workflow_state_id, event, comment):
    _enqueue(send_author_notification, workflow_state_id, event, comment)


def _edit_url(page_id):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page_id]
    )


def _send(subject_template, body_template, context, recipients):
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:
        # Raised for the queue: the worker records the failure and retries it later
        # (portal_site.operations.periodic); the review itself committed long before.
        logger.exception("Review notification could not be sent to %s", recipients)
        raise


@task()
def send_stage_notification(task_state_id):
    from wagtail.models import Page, TaskState

    task_state = (
        TaskState.objects.filter(pk=task_state_id).select_related("workflow_state", "task").first()
    )
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return 0
    review_task = task_state.task.specific
    page = Page.objects.get(pk=task_state.workflow_state.object_id)
    User = get_user_model()
    reviewers = User.objects.filter(is_active=True, groups__in=review_task.groups.all())
    requested_by = task_state.workflow_state.requested_by_id
    recipients = [u.email for u in reviewers.distinct() if u.pk != requested_by]
    context = {"page": page, "task": review_task, "edit_url": _edit_url(page.pk)}
    return _send(
        "editorial/email/stage_subject.txt", "editorial/email/stage_body.txt", context, recipients
    )


@task()
def send_author_notification(workflow_state_id, event, comment):
    from wagtail.models import Page, WorkflowState

    workflow_state = WorkflowState.objects.filter(pk=workflow_state_id).first()
    if workflow_state is None or workflow_state.requested_by is None:
        return 0
    page = Page.objects.get(pk=workflow_state.object_id)
    context = {
        "page": page,
        "event": event,
        "comment": comment,
        "edit_url": _edit_url(page.pk),
    }
    return _send(
        "editorial/email/author_subject.txt",
        "editorial/email/author_body.txt",
        context,
        [workflow_state.requested_by.email],
    )
