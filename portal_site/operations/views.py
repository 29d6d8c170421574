"""Administrators' view of the task queue: failed background tasks and their retries."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.tasks import TaskResultStatus
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from .tasks_backend import task_name

VIEW_PERMISSION = "django_tasks_db.view_dbtaskresult"


def can_view(user):
    """Superusers, the administrators' group, or whoever holds django-tasks-db's view permission."""
    from editorial.roles import ADMINISTRATORS

    if not user.is_active:
        return False
    return (
        user.is_superuser
        or user.has_perm(VIEW_PERMISSION)
        or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def failed_tasks(request):
    if not can_view(request.user):
        raise PermissionDenied
    failed = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[:200]
    )
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    pending = {(r.task_path, repr(r.args_kwargs)) for r in waiting}
    rows = [
        {
            "name": task_name(row),
            "finished_at": row.finished_at,
            "error": row.exception_class_path,
            "traceback": row.traceback,
            "retry_pending": (row.task_path, repr(row.args_kwargs)) in pending,
        }
        for row in failed
    ]
    return render(
        request,
        "operations/failed_tasks.html",
        {
            "rows": rows,
            "waiting": waiting.count(),
            "page_title": _("Background tasks"),
        },
    )
