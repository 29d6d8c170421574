"""Only reviewed, live, public content: no endpoint or parameter shows a draft, a private page,
an unpublished revision, or anything about accounts."""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories

SECRET = "BIMAT"


@pytest.fixture
def site(news_section, image):
    live = factories.make_article(news_section, "Tin công khai", tags=["cong-khai"], image=image)
    edited = factories.make_article(news_section, "Tin đã đăng", body_text="nội dung đã duyệt")
    # A draft on top of a live article: new title, body and tag, saved as a revision only.
    edited.title = f"Tiêu đề {SECRET}REVISION"
    edited.body = [("paragraph", f"<p>{SECRET}REVISION nháp</p>")]
    edited.tags.add(f"{SECRET.lower()}-tag")
    edited.save_revision(user=factories.staff()[0])
    draft = factories.make_article(
        news_section, f"Bản nháp {SECRET}DRAFT", live=False, tags=[f"{SECRET.lower()}-draft"]
    )
    private_section = factories.make_section(news_section.get_parent(), f"Nội bộ {SECRET}PRIVSEC")
    PageViewRestriction.objects.create(page=private_section, restriction_type="login")
    private = factories.make_article(private_section, f"Tin nội bộ {SECRET}PRIVATE")
    draft_section = factories.make_section(news_section, f"Chuyên mục {SECRET}DRAFTSEC", live=False)
    orphan = factories.make_article(draft_section, "Tin trong chuyên mục chưa đăng")
    return {
        "live": live,
        "edited": edited,
        "draft": draft,
        "private_section": private_section,
        "private": private,
        "draft_section": draft_section,
        "orphan": orphan,
    }


def listing_urls(site):
    draft, private, dsec = site["draft"], site["private"], site["draft_section"]
    psec = site["private_section"]
    return [
        "/api/v1/articles/",
        "/api/v1/articles/?limit=100",
        f"/api/v1/articles/?q={SECRET}REVISION",
        f"/api/v1/articles/?q={SECRET}DRAFT",
        f"/api/v1/articles/?q={SECRET}PRIVATE",
        "/api/v1/articles/?q=tin",
        "/api/v1/articles/?ordering=title",
        "/api/v1/articles/?ordering=-title",
        "/api/v1/articles/?ordering=published",
        f"/api/v1/articles/?tag={SECRET.lower()}-draft",
        f"/api/v1/articles/?tag={SECRET.lower()}-tag",
        f"/api/v1/articles/by-path/?path={site['live'].url}",
        f"/api/v1/articles/{site['edited'].pk}/",
        f"/api/v1/articles/{site['orphan'].pk}/",
        "/api/v1/sections/",
        "/api/v1/tags/?limit=100",
        "/api/v1/online-conduct/",
        "/api/v1/images/",
        "/api/v1/documents/",
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?limit=100&fields=*",
        "/api/v2/pages/?limit=100&type=cms.ArticlePage&fields=*",
        f"/api/v2/pages/{site['edited'].pk}/",
        f"/api/v2/pages/{site['edited'].pk}/?fields=*",
        f"/api/v2/pages/?search={SECRET}REVISION",
        f"/api/v2/pages/?search={SECRET}DRAFT",
        f"/api/v2/pages/?search={SECRET}PRIVATE&type=cms.ArticlePage",
        f"/api/v2/pages/?child_of={dsec.pk}",
        f"/api/v2/pages/?child_of={psec.pk}",
        f"/api/v2/pages/?descendant_of={psec.pk}",
        f"/api/v2/pages/?ancestor_of={private.pk}",
        f"/api/v2/pages/find/?html_path={draft.url_path}",
        f"/api/v2/pages/find/?html_path={private.url}",
        f"/api/v2/pages/find/?id={draft.pk}",
        "/api/v2/pages/?order=title&fields=title,slug",
        "/api/v2/pages/?order=-first_published_at",
        "/api/v2/pages/?fields=owner",
        "/api/v2/pages/?fields=latest_revision",
        "/api/v2/pages/?fields=draft_title",
        "/api/v2/pages/?order=latest_revision_created_at",
        "/api/v2/pages/?order=draft_title",
        "/api/v2/pages/?version=1",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
    ]


def test_no_endpoint_or_parameter_shows_drafts_private_pages_or_revisions(client, site):
    for url in listing_urls(site):
        response = client.get(url, follow=True)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        text = response.content.decode()
        assert SECRET not in text and SECRET.lower() not in text, url
        for word in ("example.gov.vn", "revision", "owner", "password", "workflow"):
            assert word not in text.lower() or "unknown" in text.lower(), (url, word)


def test_pages_that_are_not_live_and_public_do_not_exist_for_the_api(client, site):
    missing = client.get("/api/v1/articles/2147483000/")
    for key in ("draft", "private"):
        page = site[key]
        response = client.get(f"/api/v1/articles/{page.pk}/")
        assert response.status_code == 404
        assert response.json() == missing.json()
        by_path = client.get(f"/api/v1/articles/by-path/?path={page.url_path}")
        assert by_path.status_code == 404
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v1/articles/by-path/?path={site['private'].url}").status_code == 404


def test_listing_holds_exactly_the_live_public_articles(client, site):
    ids = {item["id"] for item in client.get("/api/v1/articles/?limit=100").json()["items"]}
    assert ids == {site["live"].pk, site["edited"].pk, site["orphan"].pk}
    v2 = client.get("/api/v2/pages/?type=cms.ArticlePage&limit=100").json()["items"]
    assert {item["id"] for item in v2} == ids


def test_article_with_a_pending_draft_shows_its_live_content(client, site):
    data = client.get(f"/api/v1/articles/{site['edited'].pk}/").json()
    assert data["title"] == "Tin đã đăng"
    assert data["body"][0]["value"]["html"] == "<p>nội dung đã duyệt</p>"
    assert data["tags"] == []


def test_article_under_an_unpublished_section_names_no_section(client, site):
    data = client.get(f"/api/v1/articles/{site['orphan'].pk}/").json()
    assert data["section"] is None
    tree = client.get("/api/v1/sections/").text
    assert str(site["draft_section"].title) not in tree


def test_filtering_by_an_unpublished_or_private_section_is_refused_like_an_unknown_one(
    client, site
):
    unknown = client.get("/api/v1/articles/?section=2147483000")
    assert unknown.status_code == 404
    for key in ("draft_section", "private_section"):
        response = client.get(f"/api/v1/articles/?section={site[key].pk}")
        assert response.status_code == 404
        assert response.json() == unknown.json()


def test_unpublishing_removes_an_article_from_every_endpoint(client, site):
    live = site["live"]
    assert client.get(f"/api/v1/articles/{live.pk}/").status_code == 200
    live.unpublish()
    assert client.get(f"/api/v1/articles/{live.pk}/").status_code == 404
    assert live.pk not in {i["id"] for i in client.get("/api/v1/articles/").json()["items"]}
    assert client.get(f"/api/v2/pages/{live.pk}/").status_code == 404
    tags = client.get("/api/v1/tags/").json()["items"]
    assert "cong-khai" not in {t["slug"] for t in tags}


def test_a_link_to_a_draft_page_in_live_text_reveals_no_address(client, site, news_section):
    draft, live = site["draft"], site["live"]
    article = factories.make_article(
        news_section,
        "Tin có liên kết",
        body_text=(
            f'Xem <a linktype="page" id="{draft.pk}">bản nháp</a> và '
            f'<a linktype="page" id="{live.pk}">tin công khai</a>'
        ),
    )
    html = client.get(f"/api/v1/articles/{article.pk}/").json()["body"][0]["value"]["html"]
    assert draft.slug not in html
    assert "<a>bản nháp</a>" in html
    assert f'href="{live.url}"' in html
    assert draft.slug not in client.get(article.url).text
