"""The task queue: django-tasks-db's database backend, for both task APIs in the project.

Django 6.1 ships ``django.tasks``; Wagtail 8.0.1, modelsearch 1.3.2 and
``editorial.notifications`` declare their tasks with the django-tasks backport
(``django_tasks.task``). Both read the same ``TASKS`` setting, so one backend class serves both:
django-tasks-db 0.13.0 is written against ``django.tasks`` (its worker accepts only
``django.tasks.Task`` objects), and a backport task handed to it is stored as a call of
``run_backport_task`` with the backport task's dotted path. The worker (``manage.py
run_worker``, or django-tasks-db's ``db_worker``) then runs both kinds.

The task row is written in the caller's transaction: a task enqueued while a page is saved
becomes visible to the worker only when that transaction commits, after the page's tags and
other child rows are written (the search index entry is built from the committed page).
"""

from django.tasks import Task as DjangoTask
from django.utils.module_loading import import_string
from django_tasks.base import Task as BackportTask
from django_tasks_db import DatabaseBackend as _DatabaseBackend


class DatabaseBackend(_DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        if isinstance(task, BackportTask):
            self.validate_task(task)
            wrapper = run_backport_task.using(
                priority=task.priority,
                queue_name=task.queue_name,
                run_after=task.run_after,
                backend=self.alias,
            )
            return super().enqueue(wrapper, (task.module_path, list(args), dict(kwargs)), {})
        return super().enqueue(task, args, kwargs)


def run_backport_task(task_path, args, kwargs):
    """Run a task declared with the django-tasks backport, stored by ``DatabaseBackend``."""
    backport_task = import_string(task_path)
    if not isinstance(backport_task, BackportTask):
        raise TypeError(f"{task_path} is not a task")
    return backport_task.call(*args, **kwargs)


# Always a ``django.tasks`` task (the worker accepts no other), whatever backend the settings
# name: ``django.tasks.task`` would build the configured backend's task class. The name is the
# function's, so the stored dotted path imports this object.
run_backport_task = DjangoTask(func=run_backport_task)


def task_name(row):
    """The dotted path of the task a queue row runs (a backport task is stored as a call of
    ``run_backport_task`` naming it)."""
    if row.task_path == run_backport_task.module_path:
        args = (row.args_kwargs or {}).get("args") or [""]
        return str(args[0])
    return row.task_path
