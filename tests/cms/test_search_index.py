"""Indexing one page costs the same at any size of the index (cms.search_backend): its title
norm comes from the cached average title length, and only its own entry is updated."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cms import search_backend
from tests import factories


@pytest.fixture
def incremental_index(db):
    index = get_search_backend().get_index_for_model(factories.ArticlePage)
    if not isinstance(index, search_backend.IncrementalTitleNormsMixin):
        pytest.skip("this database's search backend keeps no title norms")
    cache.delete(search_backend.AVERAGE_TITLE_LENGTH_KEY)
    return index


def entry(page):
    return IndexEntry.objects.get(object_id=str(page.pk))


def average_title_length():
    return (
        IndexEntry.objects.annotate(n=Length("title")).filter(n__gt=0).aggregate(Avg("n"))["n__avg"]
    )


def test_indexing_a_page_sets_its_own_title_norm_and_leaves_other_entries(
    incremental_index, news_section
):
    first = factories.make_article(news_section, "Thông báo lịch tiếp công dân")
    # An entry whose norm is 1.0 but that is not being indexed: modelsearch would rewrite it.
    IndexEntry.objects.filter(pk=entry(first).pk).update(title_norm=1.0)
    cache.delete(search_backend.AVERAGE_TITLE_LENGTH_KEY)

    second = factories.make_article(news_section, "Kế hoạch phòng chống dịch bệnh mùa mưa")

    assert entry(first).title_norm == 1.0
    new = IndexEntry.objects.annotate(n=Length("title")).get(pk=entry(second).pk)
    assert new.title_norm == pytest.approx(average_title_length() / new.n, rel=0.5)
    assert new.title_norm != 1.0


def test_indexing_a_page_reads_the_average_title_length_from_the_cache(
    incremental_index, news_section
):
    factories.make_article(news_section, "Thông báo lịch tiếp công dân")
    assert cache.get(search_backend.AVERAGE_TITLE_LENGTH_KEY) is not None
    article = factories.make_article(news_section, "Điện tử hóa thủ tục", live=False)
    with CaptureQueriesContext(connection) as ctx:
        get_search_backend().add(article)
    sql = " ".join(q["sql"].upper() for q in ctx.captured_queries)
    assert "AVG(" not in sql
    assert entry(article).title_norm != 1.0


def test_a_full_rebuild_recomputes_the_average_and_every_norm(incremental_index, news_section):
    for title in ("Một", "Hai ba bốn năm sáu bảy tám"):
        factories.make_article(news_section, title)
    cache.set(search_backend.AVERAGE_TITLE_LENGTH_KEY, 1000.0)
    incremental_index._refresh_title_norms(full=True)
    assert cache.get(search_backend.AVERAGE_TITLE_LENGTH_KEY) == pytest.approx(
        average_title_length()
    )
    norms = IndexEntry.objects.annotate(n=Length("title")).filter(n__gt=0)
    for row in norms:
        assert row.title_norm == pytest.approx(average_title_length() / row.n)


def test_indexing_a_page_reads_its_tags_once_and_keeps_no_copy_of_them(
    incremental_index, news_section
):
    article = factories.make_article(
        news_section, "Lịch tiếp dân", tags=["văn hóa", "y tế"], live=False
    )
    article = factories.ArticlePage.objects.get(pk=article.pk)
    with CaptureQueriesContext(connection) as ctx:
        get_search_backend().add(article)
    tag_queries = [q for q in ctx.captured_queries if "taggit_tag" in q["sql"]]
    assert len(tag_queries) == 1
    indexed = entry(article)
    assert "van hoa y te" in (getattr(indexed, "body_text", None) or indexed.body)
    # The tags read for the index are not left behind on the page.
    article.tags.set(["giáo dục"])
    article.save()
    assert list(factories.ArticlePage.objects.get(pk=article.pk).tags.names()) == ["giáo dục"]
    assert not getattr(article, "_prefetched_objects_cache", {}).get("tags")


def test_images_with_generic_tags_are_indexed_as_before(incremental_index):
    image = factories.make_image("Ảnh hội nghị")
    image.tags.add("hội nghị")
    get_search_backend().add(image)
    indexed = IndexEntry.objects.get(object_id=str(image.pk), content_type__model="portalimage")
    assert "hội nghị" in (getattr(indexed, "body_text", None) or indexed.body)
