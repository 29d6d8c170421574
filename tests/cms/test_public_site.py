"""The public reading site: listings, article pages, tags, feeds, sitemap, errors, language."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def article(news_section):
    return factories.make_article(
        news_section,
        "Tuyên truyền văn hóa ứng xử trên môi trường mạng",
        body_text="Nội dung bài viết về văn hóa ứng xử.",
        tags=["tuyên truyền", "môi trường mạng"],
        image=factories.make_image("Ảnh hội nghị"),
        byline="Phóng viên Nguyễn An",
    )


def test_article_page_shows_title_lead_body_byline_tags_and_source(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.text
    for expected in (
        article.title,
        article.lead,
        "Nội dung bài viết về văn hóa ứng xử.",
        "Phóng viên Nguyễn An",
        reverse("tag", args=["tuyên-truyền"]),
        "Nguồn tin",
    ):
        assert expected in html
    assert 'alt="Ảnh minh họa: Ảnh hội nghị"' in html


def test_article_print_view_is_a_standalone_noindex_page(client, article):
    response = client.get(article.url + "ban-in/")
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.text
    assert article.title in response.text
    assert 'class="site-header"' not in response.text


def test_section_lists_articles_of_subsections_newest_first(client, news_section):
    sub = factories.make_section(news_section, "Tin phường")
    older = factories.make_article(news_section, "Bài cũ hơn")
    newer = factories.make_article(sub, "Bài mới hơn ở chuyên mục con")
    response = client.get(news_section.url)
    html = response.text
    assert response.status_code == 200
    assert html.index(newer.title) < html.index(older.title)
    assert sub.title in html


def test_draft_articles_are_not_listed_or_served(client, news_section):
    draft = factories.make_article(news_section, "Bản nháp chưa duyệt", live=False)
    assert draft.title not in client.get(news_section.url).text
    assert client.get(f"{news_section.url}{draft.slug}/").status_code == 404


@pytest.mark.parametrize("page", ["-1", "abc", "0", "999999", "1.5", "%00", "9" * 400])
def test_bad_page_numbers_give_a_normal_listing(client, news_section, page):
    factories.make_article(news_section, "Một bài viết")
    response = client.get(news_section.url, {"page": page})
    assert response.status_code == 200
    assert "Một bài viết" in response.text


def test_listing_is_paginated(client, news_section, settings):
    settings.PORTAL_LISTING_PAGE_SIZE = 2
    titles = [factories.make_article(news_section, f"Bài số {i}").title for i in range(5)]
    first = client.get(news_section.url).text
    third = client.get(news_section.url, {"page": 3}).text
    assert titles[4] in first and titles[0] not in first
    assert titles[0] in third and "Trang 3 / 3" in third


def test_tag_page_lists_tagged_articles_and_unknown_tag_is_404(client, article, news_section):
    other = factories.make_article(news_section, "Bài không gắn thẻ")
    response = client.get(reverse("tag", args=["tuyên-truyền"]))
    assert response.status_code == 200
    assert article.title in response.text
    assert other.title not in response.text
    assert client.get(reverse("tag", args=["khong-ton-tai"])).status_code == 404


def test_section_rss_feed_lists_live_articles(client, news_section, article):
    factories.make_article(news_section, "Bản nháp trong RSS", live=False)
    response = client.get(news_section.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert article.title in response.text
    assert "Bản nháp trong RSS" not in response.text


def test_sitemap_and_robots(client, article):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert article.url in sitemap.text or article.full_url in sitemap.text
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.text
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text


def test_404_page_is_in_vietnamese(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text


def test_500_page_is_in_vietnamese_and_needs_no_database(rf):
    from cms.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "đã có lỗi xảy ra" in response.content.decode()


def test_site_speaks_vietnamese_by_default_and_english_on_request(client, article):
    vietnamese = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="vi">' in vietnamese.text
    assert "Bỏ qua, đến nội dung chính" in vietnamese.text
    switched = client.get(reverse("set_language"), {"language": "en", "next": article.url})
    assert switched.status_code == 302
    assert switched["Location"] == article.url
    english = client.get(article.url)
    assert '<html lang="en">' in english.text
    assert "Skip to main content" in english.text


def test_page_structure_has_landmarks_skip_link_and_one_h1(client, article):
    html = client.get(article.url).text
    assert 'href="#main"' in html and '<main id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html
    assert html.count("<h1") == 1
    assert 'aria-label="Đường dẫn"' in html  # breadcrumbs


def test_agency_details_come_from_site_settings(client, article):
    from wagtail.models import Site

    from cms.models import AgencySettings

    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    agency.name = "Ủy ban nhân dân xã Thử Nghiệm"
    agency.phone = "024 1234 5678"
    agency.save()
    html = client.get(article.url).text
    assert "Ủy ban nhân dân xã Thử Nghiệm" in html
    assert "024 1234 5678" in html


def test_every_page_footer_links_to_the_harmful_content_report_form(client, article):
    for url in ("/", article.url):
        response = client.get(url)
        assert response.status_code == 200
        assert b'href="/phan-anh/"' in response.content
        assert "Phản ánh thông tin xấu độc" in response.content.decode()
