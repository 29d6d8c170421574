"""Tag pages name only tags of live content (issue 15, finding 5): a tag that exists only on
drafts is not printed at /the/<slug>/."""

from taggit.models import Tag

from tests import factories


def tag_url(name):
    return f"/the/{Tag.objects.get(name=name).slug}/"


def test_a_tag_only_on_drafts_is_not_shown(client, news_section):
    factories.make_article(news_section, "Bản nháp bí mật", live=False, tags=["Kế hoạch mật"])
    response = client.get(tag_url("Kế hoạch mật"))
    assert response.status_code == 404
    assert "Kế hoạch mật" not in response.text


def test_a_tag_of_live_content_is_shown_with_its_articles(client, news_section):
    factories.make_article(news_section, "Tin đã đăng", tags=["Công khai"])
    factories.make_article(news_section, "Bản nháp", live=False, tags=["Công khai"])
    response = client.get(tag_url("Công khai"))
    assert response.status_code == 200
    assert "Công khai" in response.text
    assert "Tin đã đăng" in response.text
    assert "Bản nháp" not in response.text
