"""What each v1 endpoint returns for a small live site."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import PortalDocument
from cms.models.pages import DedicatedTopic, SourceType
from tests import factories


@pytest.fixture
def tree(news_section, image):
    health = factories.make_section(news_section, "Y tế")
    conduct = factories.make_section(
        news_section.get_parent(), "Ứng xử trên mạng", dedicated_topic=DedicatedTopic.ONLINE_CONDUCT
    )
    a = factories.make_article(
        news_section, "Kế hoạch tiêm chủng mở rộng", tags=["y-te"], image=image
    )
    b = factories.make_article(
        health,
        "Thông báo dịch bệnh sốt xuất huyết",
        tags=["y-te", "dich-benh"],
        source_type=SourceType.AGENCY_DOCUMENT,
        source_name="Sở Y tế, công văn 12/SYT",
        body_text="Đề nghị người dân diệt lăng quăng",
    )
    c = factories.make_article(conduct, "Quy tắc ứng xử trên mạng xã hội")
    return {"news": news_section, "health": health, "conduct": conduct, "a": a, "b": b, "c": c}


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_section_filter_includes_subsections(client, tree):
    assert set(ids(client.get(f"/api/v1/articles/?section={tree['news'].pk}"))) == {
        tree["a"].pk,
        tree["b"].pk,
    }
    assert ids(client.get(f"/api/v1/articles/?section={tree['health'].pk}")) == [tree["b"].pk]


def test_tag_and_source_type_filters(client, tree):
    assert ids(client.get("/api/v1/articles/?tag=dich-benh")) == [tree["b"].pk]
    assert set(ids(client.get("/api/v1/articles/?tag=y-te"))) == {tree["a"].pk, tree["b"].pk}
    assert ids(client.get("/api/v1/articles/?source_type=agency_document")) == [tree["b"].pk]


def test_tag_filter_takes_vietnamese_tag_slugs(client, news_section):
    article = factories.make_article(news_section, "Xây dựng đô thị văn minh", tags=["Đô thị"])
    [tag] = client.get("/api/v1/tags/").json()["items"]
    assert tag["slug"] == "đô-thị"
    assert ids(client.get("/api/v1/articles/", {"tag": "đô-thị"})) == [article.pk]
    assert ids(client.get("/api/v1/articles/", {"tag": "ĐÔ-THỊ"})) == [article.pk]
    assert ids(client.get("/api/v1/articles/", {"tag": "o-thi"})) == []
    refused = client.get("/api/v1/articles/", {"tag": "đô thị"})
    assert refused.status_code == 400
    assert "tag" in refused.content.decode()


def test_date_range_filter_is_inclusive_by_day(client, tree):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    assert len(ids(client.get(f"/api/v1/articles/?published_after={today}"))) == 3
    assert len(ids(client.get(f"/api/v1/articles/?published_before={today}"))) == 3
    assert ids(client.get(f"/api/v1/articles/?published_after={tomorrow}")) == []


@pytest.mark.parametrize("query", ["dịch bệnh", "dich benh", "DICH BENH", "lang quang"])
def test_search_finds_articles_with_or_without_diacritics(client, tree, query):
    assert ids(client.get("/api/v1/articles/", {"q": query})) == [tree["b"].pk]


def test_search_combines_with_filters(client, tree):
    url = f"/api/v1/articles/?q=y+te&section={tree['health'].pk}&ordering=-published"
    assert ids(client.get(url)) == [tree["b"].pk]


def test_ordering_and_pagination_with_total_count(client, tree):
    response = client.get("/api/v1/articles/?ordering=title&limit=2")
    data = response.json()
    assert data["count"] == 3
    assert [item["title"] for item in data["items"]] == [
        "Kế hoạch tiêm chủng mở rộng",
        "Quy tắc ứng xử trên mạng xã hội",
    ]
    second = client.get("/api/v1/articles/?ordering=title&limit=2&offset=2").json()
    assert [item["title"] for item in second["items"]] == ["Thông báo dịch bệnh sốt xuất huyết"]
    assert client.get("/api/v1/articles/?offset=50").json() == {
        "count": 3,
        "limit": 20,
        "offset": 50,
        "items": [],
    }
    newest = ids(client.get("/api/v1/articles/"))
    assert newest == [tree["c"].pk, tree["b"].pk, tree["a"].pk]


def test_article_detail_has_structured_body_tags_section_and_source(client, tree):
    b = tree["b"]
    data = client.get(f"/api/v1/articles/{b.pk}/").json()
    assert data["section"]["id"] == tree["health"].pk
    assert sorted(t["slug"] for t in data["tags"]) == ["dich-benh", "y-te"]
    assert data["source"] == {
        "type": "agency_document",
        "label": "Văn bản của cơ quan",
        "name": "Sở Y tế, công văn 12/SYT",
        "url": "",
    }
    assert data["body"][0]["type"] == "paragraph"
    assert "lăng quăng" in data["body"][0]["value"]["html"]
    assert data["approval"]["approved_by_role"] == "Trưởng ban biên tập"  # signed off in review
    assert data["first_published_at"]


def test_article_body_images_come_with_renditions(client, news_section, image):
    article = factories.make_article(news_section, "Ảnh hoạt động", image=image)
    article.body = [
        ("image", {"image": image, "caption": "Lễ khánh thành", "credit": ""}),
        ("quote", {"text": "Dân biết, dân bàn", "attribution": "Khẩu hiệu"}),
    ]
    factories.go_live(article)
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    block = data["body"][0]
    assert block["type"] == "image"
    assert set(block["value"]["image"]["renditions"]) == {"medium", "large"}
    assert block["value"]["image"]["alt"] == image.description
    assert block["value"]["caption"] == "Lễ khánh thành"
    assert data["body"][1] == {
        "type": "quote",
        "id": data["body"][1]["id"],
        "value": {"text": "Dân biết, dân bàn", "attribution": "Khẩu hiệu"},
    }
    assert set(data["image"]["renditions"]) == {"thumbnail", "card", "large"}


def test_article_by_path_matches_by_id(client, tree):
    b = tree["b"]
    by_path = client.get("/api/v1/articles/by-path/", {"path": b.url})
    assert by_path.status_code == 200
    assert by_path.json() == client.get(f"/api/v1/articles/{b.pk}/").json()
    assert client.get("/api/v1/articles/by-path/", {"path": "/"}).status_code == 404
    section = client.get("/api/v1/articles/by-path/", {"path": tree["health"].url})
    assert section.status_code == 404


def test_sections_form_a_tree(client, tree):
    items = client.get("/api/v1/sections/").json()["items"]
    news = next(node for node in items if node["id"] == tree["news"].pk)
    assert [child["id"] for child in news["children"]] == [tree["health"].pk]
    conduct = next(node for node in items if node["id"] == tree["conduct"].pk)
    assert conduct["dedicated_topic"] == "online_conduct"


def test_tags_list_counts_live_articles(client, tree):
    items = client.get("/api/v1/tags/").json()["items"]
    assert {t["slug"]: t["article_count"] for t in items} == {"y-te": 2, "dich-benh": 1}


def test_online_conduct_serves_the_dedicated_section(client, tree):
    data = client.get("/api/v1/online-conduct/").json()
    assert [s["id"] for s in data["sections"]] == [tree["conduct"].pk]
    assert [a["id"] for a in data["articles"]["items"]] == [tree["c"].pk]


def test_images_and_public_documents(client, tree, image):
    public = PortalDocument.objects.create(
        title="Quyết định 123", file=ContentFile(b"%PDF-1.4", name="qd-123.pdf")
    )
    private_collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type="login"
    )
    private = PortalDocument.objects.create(
        title="Tài liệu nội bộ",
        file=ContentFile(b"%PDF-1.4", name="noi-bo.pdf"),
        collection=private_collection,
    )
    assert ids(client.get("/api/v1/documents/")) == [public.pk]
    assert client.get(f"/api/v1/documents/{private.pk}/").status_code == 404
    doc = client.get(f"/api/v1/documents/{public.pk}/").json()
    assert doc["file_extension"] == "pdf"
    v2 = client.get("/api/v2/documents/").json()["items"]
    assert [item["id"] for item in v2] == [public.pk]
    assert ids(client.get("/api/v1/images/")) == [image.pk]
    detail = client.get(f"/api/v1/images/{image.pk}/").json()
    assert detail["renditions"]["thumbnail"]["width"] == 160


def test_openapi_schema_and_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/articles/" in schema["paths"]
    assert "/api/v1/signage/{board}/" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_approval_written_at_sign_off_is_published_per_the_settings(client, tree, settings):
    """The article went live through review; the ledger wrote who approved it on the page."""
    from wagtail.models import Site

    from cms.models import AccountabilitySettings

    article = tree["a"]
    article.refresh_from_db()
    assert article.approved_at is not None
    url = f"/api/v1/articles/{article.pk}/"
    approval = client.get(url).json()["approval"]
    assert approval["approved_by_role"] == article.approved_by_role
    assert "Trưởng ban biên tập" in approval["approved_by_role"]
    assert approval["approved_at"].startswith(
        article.approved_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")
    )
    assert approval["approved_by_name"] is None  # names are a separate, opt-in setting

    accountability = AccountabilitySettings.for_site(Site.objects.get(is_default_site=True))
    accountability.show_approver_name = True
    accountability.save()
    assert client.get(url).json()["approval"]["approved_by_name"] == article.approved_by_name

    settings.PORTAL_API_SHOW_APPROVAL = False
    hidden = client.get(url).json()["approval"]
    assert hidden == {"approved_at": None, "approved_by_role": None, "approved_by_name": None}
