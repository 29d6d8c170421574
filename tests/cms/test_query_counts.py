"""Every public page costs a small, fixed number of queries whatever the number of articles it
lists (issue 9: at most 8). The site, the view restrictions, the menu and the site settings come
from the cache (cms.caching.lookups) and cost nothing once built; the first request after a change
rebuilds them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.caching import lookups
from tests import factories

# Per page, what the queries are (a change here should be deliberate):
HOME = 4  # highlights, newest per section (window), card renditions, sections of the cards
# The subsections of a section and every listing's total are kept under the content version
# (cms.caching.lookups): built by the first request after a change, free after that.
SECTION = 4  # path, page, cards, renditions
ARTICLE = 6  # path, page + hero image, renditions, tags, related articles, their renditions
TAG = 4  # tag, cards, renditions, sections
SEARCH = 3  # hits, pages of each type found (article), sections


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def queries_for(client, url):
    """The queries of a second request of ``url`` (the first builds lookups and renditions)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def warm(client, url):
    get_ok(client, url)  # builds the cached lookups (and renditions on a test's first view)


def add_articles(section, count, image):
    return [
        factories.make_article(section, f"Bài {section.title} {i}", image=image, tags=["thẻ"])
        for i in range(count)
    ]


@pytest.fixture
def sub_section(news_section):
    return factories.make_section(news_section, "Y tế")


@pytest.mark.django_db
def test_section_listing_costs_four_queries_for_few_or_many_articles(
    client, news_section, sub_section, django_assert_num_queries
):
    image = factories.make_image()
    add_articles(news_section, 2, image)
    add_articles(sub_section, 1, image)
    warm(client, news_section.url)
    with django_assert_num_queries(SECTION):
        get_ok(client, news_section.url)
    add_articles(news_section, 8, image)
    add_articles(sub_section, 8, image)
    warm(client, news_section.url)
    with django_assert_num_queries(SECTION):
        get_ok(client, news_section.url)
    with django_assert_num_queries(SECTION):
        get_ok(client, news_section.url + "?page=2")


@pytest.mark.django_db
def test_home_page_costs_four_queries_for_few_or_many_sections_and_articles(
    client, home, settings, django_assert_num_queries
):
    settings.PORTAL_HOME_ARTICLES_PER_SECTION = 4
    image = factories.make_image()
    sections = [
        factories.make_section(home, f"Chuyên mục {i}", show_in_menus=True) for i in range(2)
    ]
    for section in sections:
        articles = add_articles(section, 1, image)
    home.highlights.create(article=articles[0])
    factories.go_live(home)
    warm(client, home.url)
    with django_assert_num_queries(HOME):
        get_ok(client, home.url)
    sections.append(factories.make_section(home, "Chuyên mục 3", show_in_menus=True))
    for section in sections:
        articles = add_articles(section, 4, image)
    home.highlights.create(article=articles[0])
    home.highlights.create(article=articles[1])
    factories.go_live(home)
    warm(client, home.url)
    with django_assert_num_queries(HOME):
        html = get_ok(client, home.url).text
    assert "Chuyên mục 3" in html and articles[1].title in html


@pytest.mark.django_db
def test_article_page_costs_six_queries_with_or_without_related_articles(
    client, news_section, django_assert_num_queries
):
    image = factories.make_image()
    articles = add_articles(news_section, 3, image)
    article = articles[0]
    warm(client, article.url)
    with django_assert_num_queries(ARTICLE):
        get_ok(client, article.url)
    for other in articles[1:]:
        article.related_links.create(article=other)
    factories.go_live(article)
    warm(client, article.url)
    with django_assert_num_queries(ARTICLE):
        html = get_ok(client, article.url).text
    assert articles[2].title in html


@pytest.mark.django_db
def test_article_with_body_images_costs_one_more_query_for_all_of_them(
    client, news_section, django_assert_num_queries
):
    images = [factories.make_image(f"Ảnh {i}") for i in range(3)]
    factories.make_article(news_section, "Bài cùng chuyên mục", image=images[1])
    article = factories.make_article(news_section, "Bài có ảnh", image=images[0])
    article.body = [
        ("paragraph", "<p>Mở đầu</p>"),
        *(("image", {"image": img, "caption": f"Chú thích {i}"}) for i, img in enumerate(images)),
    ]
    factories.go_live(article)
    warm(client, article.url)
    with django_assert_num_queries(ARTICLE + 1):  # the body's images, all in one query
        get_ok(client, article.url)


@pytest.mark.django_db
def test_tag_and_search_pages_do_not_grow_with_results(
    client, news_section, django_assert_num_queries
):
    image = factories.make_image()
    add_articles(news_section, 2, image)
    warm(client, "/the/thẻ/")
    warm(client, "/tim-kiem/?q=bai")
    with django_assert_num_queries(TAG):
        get_ok(client, "/the/thẻ/")
    with django_assert_num_queries(SEARCH):
        get_ok(client, "/tim-kiem/?q=bai")
    add_articles(news_section, 14, image)
    warm(client, "/the/thẻ/")
    with django_assert_num_queries(TAG):
        get_ok(client, "/the/thẻ/")
    with django_assert_num_queries(TAG):
        get_ok(client, "/the/thẻ/?page=2")
    # The first search after a publish counts its matches again, then the count is cached.
    with django_assert_num_queries(SEARCH + 1):
        get_ok(client, "/tim-kiem/?q=bai")
    with django_assert_num_queries(SEARCH):
        get_ok(client, "/tim-kiem/?q=bai")


@pytest.mark.django_db
def test_lookups_are_rebuilt_once_after_a_change_then_cost_nothing(
    client, news_section, django_assert_max_num_queries
):
    """An empty cache costs the sites (ours and Wagtail's root paths), the restrictions, the
    menu and the two settings rows once; on a fresh install the settings rows are created then
    (a savepoint, an insert and a release each). And the content version, read from the
    database by the first request after a change (cms.caching.version), as before it was read
    from the emptied cache."""
    article = factories.make_article(news_section, "Bài mới")
    cache.clear()
    with django_assert_max_num_queries(ARTICLE + 12):
        get_ok(client, article.url)
    factories.make_section(news_section.get_parent(), "Văn hóa", show_in_menus=True)
    # Publishing the new section bumped the content version: the menu shows it at once.
    assert "Văn hóa" in get_ok(client, article.url).text


@pytest.mark.django_db
def test_private_section_stays_private_with_cached_restrictions(client, news_section):
    from wagtail.models import PageViewRestriction

    article = factories.make_article(news_section, "Bài nội bộ")
    assert get_ok(client, news_section.url)
    PageViewRestriction.objects.create(
        page=news_section, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(article.url).status_code == 302  # to the login page
    assert article.title not in client.get("/tim-kiem/?q=noi bo").text
    assert lookups.is_restricted(article)


@pytest.mark.django_db
def test_home_shows_newest_articles_per_section(client, home, settings):
    settings.PORTAL_HOME_ARTICLES_PER_SECTION = 2
    section = factories.make_section(home, "Giáo dục", show_in_menus=True)
    titles = [factories.make_article(section, f"Tin giáo dục {i}").title for i in range(3)]
    html = client.get(home.url).text
    assert titles[2] in html and titles[1] in html
    assert titles[0] not in html


@pytest.mark.django_db
def test_unknown_paths_and_sub_routes_resolve_as_before(client, news_section):
    article = factories.make_article(news_section, "Bài in")
    assert client.get(article.url + "ban-in/").status_code == 200
    assert client.get(news_section.url + "rss/").status_code == 200
    assert client.get(news_section.url + "khong-co/").status_code == 404
    assert client.get(article.url + "khong-co/").status_code == 404
    assert client.get("/khong-co/ai/").status_code == 404


@pytest.mark.django_db
def test_deep_section_pages_read_ids_first_then_their_rows(
    client, news_section, settings, monkeypatch, django_assert_num_queries
):
    """Past DEFERRED_JOIN_OFFSET a page costs one more query (the ids of the page) and lists
    exactly what a plain OFFSET would."""
    from cms.listings import CountedPaginator

    settings.PORTAL_LISTING_PAGE_SIZE = 2
    monkeypatch.setattr(CountedPaginator, "DEFERRED_JOIN_OFFSET", 4)
    image = factories.make_image()
    articles = add_articles(news_section, 7, image)  # newest last
    newest_first = [a.title for a in reversed(articles)]
    url = news_section.url + "?page=3"
    warm(client, url)
    with django_assert_num_queries(SECTION + 1):
        html = get_ok(client, url).text
    assert newest_first[4] in html and newest_first[5] in html
    assert not any(title in html for title in newest_first[:4] + newest_first[6:])
    with django_assert_num_queries(SECTION):
        html = get_ok(client, news_section.url + "?page=2").text
    assert newest_first[2] in html and newest_first[3] in html


@pytest.mark.django_db
def test_cached_totals_follow_every_publish_and_unpublish(client, news_section, settings):
    """A listing's total is cached under the content version: publishing or unpublishing an
    article changes it on the very next request."""
    settings.PORTAL_LISTING_PAGE_SIZE = 1
    image = factories.make_image()
    articles = add_articles(news_section, 2, image)
    assert "Trang 1 / 2" in get_ok(client, news_section.url).text
    assert "Trang 1 / 2" in get_ok(client, "/the/thẻ/").text
    add_articles(news_section, 1, image)
    assert "Trang 1 / 3" in get_ok(client, news_section.url).text
    assert "Trang 1 / 3" in get_ok(client, "/the/thẻ/").text
    articles[0].unpublish()
    assert "Trang 1 / 2" in get_ok(client, news_section.url).text
    assert "Trang 1 / 2" in get_ok(client, "/the/thẻ/").text


@pytest.mark.django_db
def test_agency_logo_costs_no_query_once_the_settings_are_cached(client, news_section):
    """The header's logo and its rendition are cached with the agency setting."""
    from wagtail.models import Site

    from cms.models import AgencySettings

    article = add_articles(news_section, 1, factories.make_image())[0]
    without_logo = queries_for(client, article.url)
    agency = AgencySettings.objects.get(site=Site.objects.get(is_default_site=True))
    agency.logo = factories.make_image("Logo")
    agency.save()
    warm(client, article.url)
    assert queries_for(client, article.url) == without_logo
    html = get_ok(client, article.url).text
    assert 'class="brand__logo"' in html and "height-64" in html
