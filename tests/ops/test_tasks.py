"""Issue 17, finding 10: background work on a real queue (django-tasks-db and its worker).

The tests switch ``TASKS`` to the database backend of production and ``make run`` and run the
worker (``manage.py run_worker --batch``) in this process, against committed data.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.models import ArticlePage
from editorial import roles
from portal_site.operations.periodic import enqueue_periodic
from portal_site.operations.tasks_backend import task_name
from tests import factories

DATABASE_TASKS = {"default": {"BACKEND": "portal_site.operations.tasks_backend.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_TASKS
    return settings


def run_queue():
    call_command("run_worker", batch=True, startup_delay=False, schedule_interval=0, verbosity=0)


@task()
def failing_task(value):
    raise ValueError(f"cannot handle {value}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_articles_new_tag_is_in_its_search_entry(queue):
    section = factories.make_section(factories.make_home(), "Tin tức")
    article = factories.make_article(section, "Xe buýt điện cho phường")
    run_queue()
    article = ArticlePage.objects.get(pk=article.pk)
    article.tags.add("giaothongxanhmoi")
    factories.go_live(article)
    assert not ArticlePage.objects.live().search("giaothongxanhmoi")  # not yet: queued
    run_queue()
    assert [p.pk for p in ArticlePage.objects.live().search("giaothongxanhmoi")] == [article.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_review_emails_are_sent_by_the_worker_not_inside_the_request(queue):
    section = factories.make_section(factories.make_home(), "Tin tức")
    mail.outbox.clear()
    factories.make_article(section, "Bài cần duyệt")
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    run_queue()
    assert mail.outbox, "the worker sent the review e-mails"
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_unpublishes_expired_articles_every_minute_and_never_doubles_a_run(queue):
    section = factories.make_section(factories.make_home(), "Tin tức")
    article = factories.make_article(section, "Thông báo hết hạn")
    run_queue()
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now())
    assert enqueue_periodic() == 3
    assert enqueue_periodic() == 0  # still waiting: not enqueued twice
    run_queue()
    article.refresh_from_db()
    assert not article.live and article.expired
    done = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
    assert sorted(
        name for name in map(task_name, done) if name.startswith("portal_site.operations.")
    ) == [
        "portal_site.operations.periodic.anchor_ledger_head",
        "portal_site.operations.periodic.publish_scheduled",
        "portal_site.operations.periodic.remind_overdue_reports",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_task_is_retried_later_and_listed_for_administrators(queue, client):
    queue.PORTAL_TASK_MAX_ATTEMPTS = 2
    failing_task.enqueue("x")
    run_queue()
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert failed.count() == 1 and "ValueError" in failed.get().exception_class_path
    assert retry.task_path == failed.get().task_path and retry.run_after > timezone.now()
    assert retry.args_kwargs == failed.get().args_kwargs

    client.force_login(factories.make_user("qt", roles.ADMINISTRATORS))
    page = client.get("/admin/tac-vu-nen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "failing_task" in text and "ValueError" in text

    # Due: it runs again, fails a second time, and is not retried past the limit.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_queue()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 2
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


@pytest.mark.django_db
def test_failed_tasks_are_not_shown_to_editors(client):
    client.force_login(factories.make_user("btv2", roles.EDITORS))
    response = client.get("/admin/tac-vu-nen/")
    assert response.status_code in (302, 403)
    assert "failing_task" not in response.content.decode()
