"""Issue 17, findings 1, 2, 4 and 6: what readers and staff get when the shared cache (Redis)
fails. Each test runs its own ``redis-server`` (``tests/faults/conftest.py``) and stops,
freezes or restores it from an old snapshot; the portal runs in this process (Django's test
client) against the test database.

- Redis stopped: pages and the API come from the database; staff sign in, take an article
  down, and citizens send reports (the rate limit counted in the database).
- Redis frozen (SIGSTOP): every request answers within ~2 s, not 20.
- Redis restarted from a snapshot taken before an article expired: the article is not served
  (page, API detail, listings), and its clearance stays revoked.
- Made-up query parameters: the same cached page, no new entry.
"""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.caching.page_cache import CACHE_HEADER
from tests import factories
from tests.citizen_reports.test_reports import VALID, tracking_code

pytestmark = pytest.mark.faults


@pytest.fixture
def article(news_section):
    return factories.make_article(
        news_section, "Thông báo lịch tiếp công dân", body_text="Lịch tiếp công dân tháng này"
    )


def _api_ids(client, url="/api/v1/articles/"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# --- Redis stopped -----------------------------------------------------------------------------


def test_with_redis_stopped_pages_and_the_api_are_served_from_the_database(
    client, cache_on_own_redis, article
):
    assert client.get(article.url).status_code == 200
    cache_on_own_redis.stop()
    for url in ("/", article.get_parent().url, article.url, "/tim-kiem/?q=tiep+cong+dan"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response[CACHE_HEADER] == "miss", url
    assert "Lịch tiếp công dân tháng này" in client.get(article.url).text
    assert _api_ids(client) == {article.pk}
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200


def test_with_redis_stopped_staff_sign_in_and_take_an_article_down(
    client, cache_on_own_redis, article
):
    _reporter, editor, _chief = factories.staff()
    assert client.get(article.url).status_code == 200  # cached while Redis was up
    cache_on_own_redis.stop()

    response = client.post(
        "/admin/login/", {"username": editor.username, "password": factories.TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    assert client.get("/admin/").status_code == 200

    response = client.post(
        f"/admin/pages/{article.pk}/unpublish/", {"reason": "Thông tin sai sự thật"}
    )
    assert response.status_code == 302, response.content[:500]
    article.refresh_from_db()
    assert not article.live
    client.logout()
    assert client.get(article.url).status_code == 404
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404


def test_with_redis_stopped_citizens_send_reports_and_the_limit_still_holds(
    client, cache_on_own_redis, settings, db
):
    settings.PORTAL_REPORT_RATE_LIMIT = (2, 600)
    cache_on_own_redis.stop()
    assert client.get("/phan-anh/").status_code == 200
    for _ in range(2):
        response = client.post("/phan-anh/", VALID, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200
        assert tracking_code(response)
    refused = client.post("/phan-anh/", VALID, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "Quá nhiều" in refused.text or "quá nhiều" in refused.text
    # Another connection is not limited by this one's reports.
    assert client.post("/phan-anh/", VALID, REMOTE_ADDR="203.0.113.10").status_code == 200


# --- Redis frozen ------------------------------------------------------------------------------


def test_with_redis_frozen_every_request_answers_within_two_seconds(
    client, cache_on_own_redis, article
):
    urls = ["/", article.get_parent().url, article.url, "/api/v1/articles/"]
    for url in urls:
        assert client.get(url).status_code == 200
    cache_on_own_redis.freeze()
    try:
        for _ in range(2):
            for url in urls:
                started = time.monotonic()
                response = client.get(url)
                seconds = time.monotonic() - started
                assert response.status_code == 200, url
                assert seconds < 2.0, f"{url} took {seconds:.1f} s"
    finally:
        cache_on_own_redis.thaw()


# --- Redis restored from an old snapshot (finding 1) and the clearance (finding 2) ---------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_restored_from_a_snapshot_never_serves_an_article_that_expired(
    client, cache_on_own_redis
):
    """The finding-1 scenario: an article set to expire is cached (page, API detail, API list,
    section), Redis is stopped with a snapshot, ``publish_scheduled`` takes the article offline
    meanwhile, and Redis comes back with the old snapshot: nothing shows the article, and its
    clearance is revoked (it cannot be republished without review)."""
    from editorial.models import PublicationClearance
    from portal_site import cache as portal_cache

    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    keep = factories.make_article(section, "Tin vẫn còn hiệu lực")
    gone = factories.make_article(section, "Tin hết hạn đăng")
    urls = [gone.url, section.url, "/", f"/api/v1/articles/{gone.pk}/", "/api/v1/articles/"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get(gone.url)[CACHE_HEADER] == "hit"
    assert client.get(section.url)[CACHE_HEADER] == "hit"
    assert "Tin hết hạn đăng" in client.get(section.url).text
    type(gone).objects.filter(pk=gone.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    redis = cache_on_own_redis
    redis.save()
    redis.stop()
    call_command("publish_scheduled")
    gone.refresh_from_db()
    assert not gone.live and gone.expired
    assert not PublicationClearance.objects.filter(
        page_id=gone.pk, status__in=PublicationClearance.VALID
    ).exists()

    redis.start()  # from the snapshot taken while the article was live and cached
    portal_cache.reset()
    assert any(b"cms.page." in key for key in redis.client().keys("faults:*"))
    assert client.get(gone.url).status_code == 404
    assert client.get(f"/api/v1/articles/{gone.pk}/").status_code == 404
    assert _api_ids(client) == {keep.pk}
    assert _api_ids(client, f"/api/v1/articles/?section={section.pk}") == {keep.pk}
    section_page = client.get(section.url)
    assert section_page.status_code == 200
    assert "Tin hết hạn đăng" not in section_page.text
    assert "Tin vẫn còn hiệu lực" in section_page.text
    assert "Tin hết hạn đăng" not in client.get("/").text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_unpublish_receiver_leaves_the_page_live_and_its_clearance_with_it(
    cache_on_own_redis,
):
    """Finding 2: the unpublish, the clearance's revocation and the content version commit
    together: when any receiver fails, the page stays live with its clearance and version
    (nothing offline keeps a valid clearance), and the next run of the command does it all."""
    from wagtail.signals import page_unpublished

    from cms.caching import version
    from editorial.models import PublicationClearance

    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    article = factories.make_article(section, "Tin hết hạn")
    type(article).objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    version.forget()
    before = version.content_version()[0]

    def broken(**kwargs):
        raise RuntimeError("a receiver failed after the page was saved offline")

    page_unpublished.connect(broken, dispatch_uid="faults-broken")
    try:
        with pytest.raises(RuntimeError):
            call_command("publish_scheduled")
    finally:
        page_unpublished.disconnect(dispatch_uid="faults-broken")
    article.refresh_from_db()
    assert article.live
    assert PublicationClearance.objects.filter(
        page_id=article.pk, status=PublicationClearance.Status.LIVE
    ).exists()
    version.forget()
    assert version.content_version()[0] == before

    call_command("publish_scheduled")  # the next run
    article.refresh_from_db()
    assert not article.live
    assert not PublicationClearance.objects.filter(
        page_id=article.pk, status__in=PublicationClearance.VALID
    ).exists()
    version.forget()
    assert version.content_version()[0] > before


# --- Made-up query parameters (finding 6) ----------------------------------------------------


def test_random_query_strings_hit_the_same_entry_and_add_no_key(
    client, cache_on_own_redis, article
):
    section = article.get_parent().url
    assert client.get(section)[CACHE_HEADER] == "miss"
    keys = len(cache_on_own_redis.client().keys("faults:*"))
    for n in range(50):
        response = client.get(f"{section}?r={n}x{time.monotonic_ns()}")
        assert response.status_code == 200
        assert response[CACHE_HEADER] == "hit"
    assert len(cache_on_own_redis.client().keys("faults:*")) == keys
