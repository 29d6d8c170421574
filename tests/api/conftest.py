"""Fixtures of the public API tests: a small live site with one article of each kind."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_CORS_ALLOWED_ORIGINS = []
    yield
    cache.clear()


@pytest.fixture
def image(db):
    return factories.make_image("Cầu Rồng")


@pytest.fixture
def article(news_section, image):
    return factories.make_article(
        news_section,
        "Kế hoạch phòng chống dịch bệnh",
        body_text="Ủy ban phường triển khai kế hoạch",
        tags=["y-te", "phong-dich"],
        image=image,
        byline="Phóng viên A",
    )
