"""Concurrent approvals and publications on PostgreSQL leave one gap-free, valid chain."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from editorial import roles
from editorial.ledger import verify
from editorial.models import LedgerEntry
from tests import factories
from tests.editorial.ledger.conftest import act

WORKERS = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_approvals_and_publications_form_one_valid_chain():
    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    reporter, _editor, chief = factories.staff()
    workflow = Workflow.objects.create(name="Ký duyệt")
    task = GroupApprovalTask.objects.create(name="Trưởng ban ký duyệt")
    task.groups.set([Group.objects.get(name=roles.CHIEF_EDITORS)])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section)
    articles = []
    for number in range(WORKERS):
        article = factories.make_article(section, f"Bài số {number}", live=False)
        article.save_revision(user=reporter)
        workflow.start(article, reporter)
        articles.append(article)
    before = LedgerEntry.objects.count()

    barrier = threading.Barrier(WORKERS)
    errors = []

    def approve(article):
        try:
            barrier.wait(timeout=60)
            act(article, chief, "approve", f"Duyệt {article.title}")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(article,)) for article in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    seqs = list(LedgerEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, before + 2 * WORKERS + 1))  # no gaps, none lost
    result = verify.verify()
    assert (result.ok, result.checked) == (True, before + 2 * WORKERS)
    for article in articles:
        assert list(
            LedgerEntry.objects.for_page(article.pk)
            .filter(seq__gt=before)
            .values_list("action", flat=True)
        ) == ["wagtail.workflow.approve", "wagtail.publish"]
