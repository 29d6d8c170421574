from tests import factories


def test_article_in_section_renders_for_readers(client, news_section):
    article = factories.make_article(news_section, "Ủy ban nhân dân phường họp báo")
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Ủy ban nhân dân phường họp báo" in response.text
