"""Freshness: publishing, unpublishing or taking down content is seen by every app process at
within ``PORTAL_CONTENT_VERSION_MAX_AGE`` (content version in the database) and purged from
front-end caches once the change commits."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection

from cms.caching import version
from tests import factories
from tests.api import purge_backend
from tests.api.conftest import REDIS_URL

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def recording_frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.api.purge_backend.RecordingBackend"}}
    purge_backend.PURGED.clear()
    return purge_backend.PURGED


def test_publishing_purges_the_api_urls_from_the_frontend_cache(
    recording_frontend_cache, news_section, django_capture_on_commit_callbacks
):
    """Once the change commits: purged before, the CDN could fetch the old content again."""
    with django_capture_on_commit_callbacks(execute=True):
        article = factories.make_article(news_section, "Tin mới")
    purged = set(recording_frontend_cache)
    for path in (
        f"/api/v1/articles/{article.pk}/",
        "/api/v1/articles/",
        "/api/v1/sections/",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/pages/",
    ):
        assert f"http://localhost{path}" in purged
    recording_frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        article.unpublish()
    assert f"http://localhost/api/v1/articles/{article.pk}/" not in recording_frontend_cache
    for callback in pending:
        callback()
    assert f"http://localhost/api/v1/articles/{article.pk}/" in recording_frontend_cache


def test_every_visible_change_bumps_the_content_version(news_section, image):
    article = factories.make_article(news_section, "Tin")
    before = version.content_version()[0]
    article.unpublish()
    after_unpublish = version.content_version()[0]
    assert after_unpublish > before
    image.title = "Ảnh mới"
    image.save()
    assert version.content_version()[0] > after_unpublish


def test_help_contacts_and_tags_bump_the_content_version(db):
    from taggit.models import Tag

    from cms.models import HelpContact

    versions = [version.content_version()[0]]
    contact = HelpContact.objects.create(name="Tổng đài quốc gia bảo vệ trẻ em", phone="111")
    versions.append(version.content_version()[0])
    contact.delete()
    versions.append(version.content_version()[0])
    tag = Tag.objects.create(name="y te", slug="y-te")
    versions.append(version.content_version()[0])
    tag.name = "y tế"
    tag.save()
    versions.append(version.content_version()[0])
    tag.delete()
    versions.append(version.content_version()[0])
    assert versions == sorted(set(versions)), versions


# --- Two real server processes --------------------------------------------------------------


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def two_servers(shared_redis_cache, transactional_db, tmp_path):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.test",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": shared_redis_cache,
        "API_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    servers = []
    for i in range(2):
        port = _free_port()
        log = (tmp_path / f"server-{i}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        deadline = time.monotonic() + 60
        for process, base in servers:
            while True:
                assert process.poll() is None, (tmp_path / "server-0.log").read_text()
                try:
                    if requests.get(f"{base}/api/v1/sections/", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                assert time.monotonic() < deadline, "server did not start in 60 s"
                time.sleep(0.2)
        yield [base for _process, base in servers]
    finally:
        for process, _base in servers:
            process.terminate()
        for process, _base in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _article_ids(base):
    response = requests.get(f"{base}/api/v1/articles/?limit=100", timeout=2)
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def _seconds_until(condition, limit=5.0):
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, "not seen within the limit"
        time.sleep(0.02)
    return time.monotonic() - start


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_serve_a_publish_and_a_takedown_within_one_second(two_servers):
    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    first = factories.make_article(section, "Tin thứ nhất")
    for base in two_servers:
        assert _article_ids(base) == {first.pk}
        assert _article_ids(base) == {first.pk}  # now served from the shared cache

    second = factories.make_article(section, "Tin thứ hai")  # published through review
    for base in two_servers:
        seconds = _seconds_until(lambda b=base: second.pk in _article_ids(b))
        print(f"publish seen by {base} after {seconds:.3f} s")  # noqa: T201
        assert seconds < 1.0

    from editorial.actions import TakeDown

    _reporter, editor, _chief = factories.staff()
    TakeDown(
        first, editor, "Thông tin sai sự thật"
    ).execute()  # the editors' takedown, with its reason
    for base in two_servers:
        seconds = _seconds_until(lambda b=base: first.pk not in _article_ids(b))
        print(f"takedown seen by {base} after {seconds:.3f} s")  # noqa: T201
        assert seconds < 1.0
        detail = requests.get(f"{base}/api/v1/articles/{first.pk}/", timeout=2)
        assert detail.status_code == 404
    assert django_settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
