"""The review queue and the guard cost a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.wagtail_hooks import review_queue
from tests import factories
from tests.editorial.helpers import submit


def queue_queries(user):
    with CaptureQueriesContext(connection) as captured:
        items = review_queue(user)
    return len(items), len(captured)


def test_review_queue_queries_do_not_grow_with_its_length(news_section, staff):
    for i in range(2):
        submit(factories.make_article(news_section, f"Bài {i}", live=False), staff["reporter"])
    editor = type(staff["editor"]).objects.get(pk=staff["editor"].pk)
    count_two, queries_two = queue_queries(editor)
    for i in range(2, 6):
        submit(factories.make_article(news_section, f"Bài {i}", live=False), staff["reporter"])
    editor = type(staff["editor"]).objects.get(pk=staff["editor"].pk)
    count_six, queries_six = queue_queries(editor)
    assert (count_two, count_six) == (2, 6)
    assert queries_six == queries_two


def test_the_guard_costs_nothing_on_drafts_and_a_few_queries_on_live_pages(
    news_section, django_assert_num_queries
):
    from editorial.guard import check_page_save
    from editorial.models import PublicationClearance
    from tests.editorial.helpers import reload

    draft = factories.make_article(news_section, "Bản nháp", live=False)
    with django_assert_num_queries(0):
        check_page_save(draft)
    live = reload(factories.make_article(news_section, "Đang đăng", tags=["a", "b"]))
    # The instance's inline rows (tags, related articles), then its clearance: a constant,
    # whatever the page's size.
    with django_assert_num_queries(3):
        check_page_save(live)
    # Without a valid clearance (e.g. a move of content made live before review existed): the
    # stored row and its inline rows too, to compare the content.
    PublicationClearance.objects.filter(page=live).update(
        status=PublicationClearance.Status.SUPERSEDED
    )
    live = reload(live)
    with django_assert_num_queries(6):
        check_page_save(live)
