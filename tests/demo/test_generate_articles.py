"""generate_articles writes reviewed articles in bulk, and keeps the publish guard's invariant:
every generated live page has a clearance of exactly its content, approvals of that content by
a reviewer of every stage (two different people, neither the author), its review history, and
ledger entries that continue the hash chain."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from cms.models import ArticlePage
from editorial.actions.base import stages_of
from editorial.content import page_content_json, sha256
from editorial.exceptions import UnreviewedPublishError
from editorial.models import PublicationClearance, ReviewApproval
from ledger.models import LedgerEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(news_section):
    factories.make_section(news_section, "Y tế")
    factories.make_article(news_section, "Bài qua quy trình thật")  # a real review first
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("generate_articles", "7", "--batch-size", "3", "--images", "2", stdout=out)
    assert "7 articles" in out.getvalue()
    return list(ArticlePage.objects.exclude(pk__in=before).order_by("pk"))


def test_generated_articles_are_live_with_a_clearance_of_exactly_their_content(generated):
    assert len(generated) == 7
    for page in generated:
        assert page.live and page.live_revision_id == page.latest_revision_id
        content_hash = sha256(page_content_json(page))
        clearance = PublicationClearance.objects.get(page=page)
        assert clearance.status == PublicationClearance.Status.LIVE
        assert clearance.content_hash == content_hash
        assert clearance.revision_id == page.live_revision_id


def test_every_stage_approved_the_live_content_by_two_people_other_than_the_author(generated):
    for page in generated:
        revision = page.live_revision
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_APPROVED
        approvals = list(ReviewApproval.objects.filter(page=page))
        stages = stages_of(state.workflow_id)
        assert {a.task_id for a in approvals} == {t.pk for t in stages}
        assert len({a.user_id for a in approvals}) == len(approvals) >= 2
        assert revision.user_id not in {a.user_id for a in approvals}
        clearance = PublicationClearance.objects.get(page=page)
        assert all(a.content_hash == clearance.content_hash for a in approvals)
        for approval in approvals:
            assert approval.task.specific.user_is_reviewer(approval.user)
        task_states = TaskState.objects.filter(workflow_state=state)
        assert {t.specific.content_hash for t in task_states} == {clearance.content_hash}


def test_ledger_chain_verifies_and_records_each_review_step(generated):
    out = StringIO()
    call_command("verify_ledger", stdout=out)
    assert "OK" in out.getvalue()
    for page in generated:
        actions = list(
            LedgerEntry.objects.filter(page_id=page.pk)
            .order_by("seq")
            .values_list("action", flat=True)
        )
        assert actions == [
            "portal.review.submit",
            "portal.review.approve",
            "portal.review.sign_off",
            "wagtail.publish",
        ]
        entry = LedgerEntry.objects.filter(page_id=page.pk).last()
        assert entry.extra["generated_by"] == "generate_articles"
        publish_log = PageLogEntry.objects.get(page=page, action="wagtail.publish")
        assert entry.source_log == f"page:{publish_log.pk}"


def test_guard_accepts_the_generated_content_and_refuses_any_change(generated):
    page = generated[0]
    # Offline, then live again with the same content: the guard finds the clearance.
    Page.objects.filter(pk=page.pk).update(live=False)
    page = ArticlePage.objects.get(pk=page.pk)
    page.live = True
    page.save()
    # The same page with different content may not go live.
    page.title = "Sửa đổi chưa duyệt"
    with pytest.raises(UnreviewedPublishError):
        page.save()


def test_generated_articles_are_served_and_found(client, generated):
    page = generated[-1]
    assert client.get(page.url).status_code == 200
    assert client.get(page.get_parent().url).status_code == 200
    html = client.get("/tim-kiem/", {"q": "tin so"}).text
    assert any(p.title in html for p in generated)


def test_refuses_to_run_under_production_settings_without_the_flag(settings, news_section):
    settings.PORTAL_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("generate_articles", "1", stdout=StringIO())
    assert not ArticlePage.objects.exists()


def test_a_batch_with_one_uncleared_page_fails_and_writes_nothing(news_section, monkeypatch):
    """A generator bug that would leave one page live without its clearance is caught before
    the batch commits: the command fails and no article of the batch exists."""
    manager = PublicationClearance.objects
    real_bulk_create = manager.bulk_create

    def drop_last(objs, *args, **kwargs):  # the simulated generator bug
        return real_bulk_create(list(objs)[:-1], *args, **kwargs)

    monkeypatch.setattr(manager, "bulk_create", drop_last)
    before = ArticlePage.objects.count()
    with pytest.raises(UnreviewedPublishError):
        call_command(
            "generate_articles", "3", "--batch-size", "3", "--images", "1", stdout=StringIO()
        )
    assert ArticlePage.objects.count() == before
    assert not LedgerEntry.objects.filter(extra_json__contains="generate_articles").exists()
