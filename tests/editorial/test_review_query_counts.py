"""Each review action costs a fixed number of queries: submission, the editor's approval (its
ledger entry) and the chief editor's sign-off (clearance, publication, search and reference
index, ledger entries, the approval copied onto the article), counted with what runs after the
transaction commits (review e-mails). scripts/bench.py times the same three calls.

Most of the queries are Wagtail's own: every log entry and workflow state is validated with
``full_clean`` (one query per foreign key), a publication rebuilds the revision's page, checks
the slug and updates the search and reference indexes. A change here should be deliberate."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.editorial.helpers import current_task_state

# A ledger append is four queries on both databases (actor, section, head, insert):
# submission and approval append one entry, sign-off two (sign-off and publication). Until the
# ledger's one appender (ledger.append) read the actor and the section in Python for both
# databases, PostgreSQL's append was one call; until entries were signed (issue 15) the head and
# the insert were one call of the append function: the Ed25519 signature is made in Python
# between the two, with a key the database never sees, so one query more per entry.
# Issue 17: the publication bumps the content version in the database (one UPDATE in the
# sign-off's transaction, cms.caching.version) instead of in Redis: sign-off +1 on both.
# The sign-off reads the approvers' review roles once (one query) to record the stages on the
# clearance and hold them to the review policy (issue 15): sign-off +1 on both.
POSTGRESQL = {"submit": 63, "approve": 52, "sign_off": 105}
SQLITE = {"submit": 63, "approve": 52, "sign_off": 106}
# Before the review actions were reworked (PostgreSQL): submit 66, approve 84, sign-off 148;
# before they became editorial.actions (issue 13): submit 60, approve 55, sign-off 103;
# before the review policy recorded the stages (issue 15): sign-off 104 (SQLite 105).


def review_queries(page, reporter, editor, chief, capture_on_commit):
    counts = {}
    page.save_revision(user=reporter)
    with capture_on_commit(execute=True), CaptureQueriesContext(connection) as ctx:
        page.get_workflow().start(page, reporter)
    counts["submit"] = len(ctx.captured_queries)
    for name, user in (("approve", editor), ("sign_off", chief)):
        task_state = current_task_state(page)
        task = task_state.task.specific
        with capture_on_commit(execute=True), CaptureQueriesContext(connection) as ctx:
            task.on_action(task_state, user, "approve")
        counts[name] = len(ctx.captured_queries)
    return counts


def test_review_actions_cost_a_fixed_number_of_queries(
    news_section, staff, django_capture_on_commit_callbacks
):
    reporter, editor, chief = staff["reporter"], staff["editor"], staff["chief"]
    # A first review fills Django's content type cache, the settings rows and Wagtail's cached
    # site root paths, as any earlier request of a running site has.
    first = factories.make_article(news_section, "Bài thứ nhất", live=False, tags=["y tế"])
    review_queries(first, reporter, editor, chief, django_capture_on_commit_callbacks)

    second = factories.make_article(news_section, "Bài thứ hai", live=False, tags=["y tế"])
    counts = review_queries(second, reporter, editor, chief, django_capture_on_commit_callbacks)

    assert factories.ArticlePage.objects.get(pk=second.pk).live
    expected = POSTGRESQL if connection.vendor == "postgresql" else SQLITE
    assert counts == expected
