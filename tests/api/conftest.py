"""Fixtures of the public API tests: a small live site with one article of each kind."""

import os
import uuid

import pytest

from tests import factories

REDIS_URL = os.environ.get("API_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
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


def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


@pytest.fixture
def shared_redis_cache(settings):
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed at {REDIS_URL} in CI")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    prefix = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return prefix
