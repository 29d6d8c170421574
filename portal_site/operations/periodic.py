"""Work the worker does every minute, and the retry of failed tasks.

``PERIODIC`` lists the tasks ``manage.py run_worker`` enqueues once a minute (never twice while
one is still waiting or running): scheduled publishing and expiry (the reviewed
``publish_scheduled``), reminders of citizen reports past their due date, and the ledger head's
anchor when ``ledger.anchors.write_anchor`` exists. A failed periodic task is not retried: it runs
again within the minute. Any other failed task (an e-mail, a search-index update) is enqueued
again after 1, 2, 4 ... minutes, up to ``PORTAL_TASK_MAX_ATTEMPTS`` failures; every failure
stays in the queue's table, listed for administrators (``operations.views``).
"""

import importlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.dispatch import receiver
from django.tasks import TaskResultStatus, task
from django.tasks.signals import task_finished
from django.utils import timezone

logger = logging.getLogger(__name__)


@task()
def publish_scheduled():
    """Publish due revisions that were reviewed, unpublish expired pages."""
    call_command("publish_scheduled")


@task()
def remind_overdue_reports():
    """E-mail the report moderators once about each report past its first-response date."""
    from citizen_reports.models import HarmfulContentReport

    from .models import ReportReminder

    due = HarmfulContentReport.objects.overdue().exclude(
        pk__in=ReportReminder.objects.values("report_id")
    )
    reports = list(due[:200])
    if not reports:
        return 0
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.utils import translation
    from django.utils.translation import gettext

    from editorial.roles import REPORT_MODERATORS

    users = get_user_model().objects.filter(is_active=True, groups__name=REPORT_MODERATORS)
    recipients = sorted({u.email for u in users if u.email})
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            subject = gettext("%(count)d citizen reports are past their response date") % {
                "count": len(reports)
            }
            lines = [f"- {r} ({timezone.localtime(r.due_at):%d/%m/%Y %H:%M})" for r in reports]
            send_mail(subject, "\n".join(lines), None, recipients)
    ReportReminder.objects.bulk_create(
        [ReportReminder(report_id=r.pk) for r in reports], ignore_conflicts=True
    )
    return len(reports)


@task()
def anchor_ledger_head():
    """Write the ledger head's anchor, when the ledger offers one (``ledger.anchors``)."""
    try:
        anchors = importlib.import_module("ledger.anchors")
    except ImportError:
        return None
    write_anchor = getattr(anchors, "write_anchor", None)
    if write_anchor is None:
        return None
    result = write_anchor()
    return None if result is None else str(result)


PERIODIC = [publish_scheduled, remind_overdue_reports, anchor_ledger_head]


def enqueue_periodic():
    """Enqueue each periodic task unless one is already waiting or running. Returns how many."""
    from django_tasks_db.models import DBTaskResult

    from .tasks_backend import run_backport_task, task_name

    paths = [t.module_path for t in PERIODIC]
    busy = {
        task_name(row)
        for row in DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            task_path__in=[*paths, run_backport_task.module_path],
        ).only("task_path", "args_kwargs")
    }
    count = 0
    for periodic_task in PERIODIC:
        if periodic_task.module_path not in busy:
            periodic_task.enqueue()
            count += 1
    return count


def _failures(db_result):
    from django_tasks_db.models import DBTaskResult

    since = timezone.now() - timedelta(days=2)
    return sum(
        1
        for args_kwargs in DBTaskResult.objects.filter(
            task_path=db_result.task_path,
            status=TaskResultStatus.FAILED,
            enqueued_at__gte=since,
        ).values_list("args_kwargs", flat=True)
        if args_kwargs == db_result.args_kwargs
    )


@receiver(task_finished, dispatch_uid="portal_operations_retry_failed_task")
def retry_failed_task(sender, task_result, **kwargs):
    db_result = getattr(task_result, "db_result", None)
    if db_result is None or task_result.status != TaskResultStatus.FAILED:
        return
    from .tasks_backend import task_name

    if task_name(db_result) in {t.module_path for t in PERIODIC}:
        return
    failures = _failures(db_result)
    if failures >= settings.PORTAL_TASK_MAX_ATTEMPTS:
        logger.error(
            "Task %s failed %d times; not retried again (id=%s)",
            db_result.task_path,
            failures,
            db_result.id,
        )
        return
    delay = timedelta(minutes=2 ** (failures - 1))
    task_result.task.using(run_after=timezone.now() + delay).enqueue(
        *task_result.args, **task_result.kwargs
    )
    logger.warning(
        "Task %s failed (attempt %d); retried in %s (id=%s)",
        db_result.task_path,
        failures,
        delay,
        db_result.id,
    )
