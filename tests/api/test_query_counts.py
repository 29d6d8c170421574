"""Every API endpoint costs a fixed, small number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.fixture
def many_articles(news_section):
    sub = factories.make_section(news_section, "Y tế")
    images = [factories.make_image(f"Ảnh {i}") for i in range(4)]
    articles = []
    for i in range(14):
        parent = sub if i % 2 else news_section
        articles.append(
            factories.make_article(
                parent, f"Tin số {i}", tags=[f"the-{i % 3}", "chung"], image=images[i % 4]
            )
        )
    return articles


def count_queries(client, url):
    client.get(url)  # first view generates the image renditions, as any first reader does
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("limit", [10, 100])
def test_article_list_costs_four_queries_at_any_page_size(client, many_articles, limit):
    queries, response = count_queries(client, f"/api/v1/articles/?limit={limit}")
    assert len(response.json()["items"]) == min(limit, 14)
    # items, their renditions, tags, sections; the total is cached under the content version
    assert queries == 4


def test_article_list_costs_the_same_for_10_and_100_items(client, many_articles):
    small, _ = count_queries(client, "/api/v1/articles/?limit=10")
    large, _ = count_queries(client, "/api/v1/articles/?limit=100")
    assert small == large


def test_filtered_article_list_stays_constant(client, many_articles, news_section):
    url = f"/api/v1/articles/?section={news_section.pk}&tag=chung&limit="
    small, _ = count_queries(client, url + "10")
    large, _ = count_queries(client, url + "100")
    assert small == large <= 8


def test_article_detail_costs_a_fixed_number_of_queries(client, many_articles):
    article = many_articles[0]
    article.related_links.create(article=many_articles[1])
    factories.go_live(article)
    queries, _ = count_queries(client, f"/api/v1/articles/{article.pk}/")
    # page, tags, renditions, section, related (view restrictions come from cms.caching.lookups)
    assert queries <= 5
    by_path, _ = count_queries(client, f"/api/v1/articles/by-path/?path={article.url}")
    assert by_path == queries


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sections/",
        "/api/v1/tags/?limit=100",
        "/api/v1/images/?limit=100",
        "/api/v1/documents/?limit=100",
        "/api/v1/online-conduct/?limit=100",
    ],
)
def test_other_listings_cost_at_most_six_queries(client, many_articles, url):
    queries, _ = count_queries(client, url)
    assert queries <= 6


@pytest.mark.parametrize("limit", [10, 100])
def test_wagtail_v2_page_listing_makes_no_query_per_item(client, many_articles, limit):
    queries, response = count_queries(client, f"/api/v2/pages/?limit={limit}")
    assert len(response.json()["items"]) == min(limit, 17)
    assert queries <= 6


@pytest.mark.parametrize("type_", ["", "&type=cms.ArticlePage"])
def test_wagtail_v2_listing_with_all_fields_makes_no_query_per_item(client, many_articles, type_):
    """Stock Wagtail 8.0.1 makes 23 queries for 17 pages here (the locale of each page) and 48
    for 14 articles (their image and tags too)."""
    small, _ = count_queries(client, f"/api/v2/pages/?fields=*&limit=5{type_}")
    large, _ = count_queries(client, f"/api/v2/pages/?fields=*&limit=100{type_}")
    assert small == large <= 6
