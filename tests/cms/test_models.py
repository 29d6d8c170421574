"""Content rules of the page and media models."""

import pytest
from django.core.exceptions import ValidationError

from cms.models import ArticlePage
from cms.models.pages import SourceType
from tests import factories


@pytest.mark.parametrize(
    ("source_type", "name", "url", "error_field"),
    [
        (SourceType.SOCIAL_NETWORK, "Facebook", "", "source_url"),
        (SourceType.AGENCY_DOCUMENT, "", "", "source_name"),
        (SourceType.OTHER_OUTLET, "", "", "source_name"),
    ],
)
def test_article_source_needs_its_details(news_section, source_type, name, url, error_field):
    article = ArticlePage(
        title="Thông tin từ nguồn ngoài",
        slug="thong-tin",
        lead="Tóm tắt",
        body=[("paragraph", "<p>Nội dung</p>")],
        source_type=source_type,
        source_name=name,
        source_url=url,
    )
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert error_field in excinfo.value.message_dict


def test_complete_social_network_source_is_accepted(news_section):
    article = factories.make_article(
        news_section,
        "Chia sẻ từ mạng xã hội",
        live=False,
        source_type=SourceType.SOCIAL_NETWORK,
        source_name="Facebook",
        source_url="https://facebook.com/posts/1",
    )
    article.full_clean()
    assert article.is_social_network_source


def test_image_without_alt_text_is_refused_by_the_admin_form(db):
    from wagtail.images.forms import get_image_form

    from cms.models import PortalImage

    form_class = get_image_form(PortalImage)
    form = form_class(data={"title": "Ảnh", "description": "", "tags": ""}, files={})
    assert not form.is_valid()
    assert "description" in form.errors


def test_articles_live_only_under_sections(home):
    assert not ArticlePage.can_create_at(home)
    section = factories.make_section(home, "Tin tức")
    assert ArticlePage.can_create_at(section)
