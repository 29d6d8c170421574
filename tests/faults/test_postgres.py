"""Issue 17, findings 4 and 8: what readers get while PostgreSQL is down, and right after it
comes back. The test starts its own PostgreSQL cluster (``initdb`` on a spare port, migrated),
its own Redis, and the portal under granian (one worker, persistent database connections as
in production), then stops and restarts PostgreSQL under it:

- cached pages keep being served (from Redis, under the last content version read);
- pages not in the cache answer 503 in Vietnamese with ``Retry-After``, the API its JSON error;
- after the restart, the very first request succeeds (``CONN_HEALTH_CHECKS``).

Migrating a fresh cluster takes most of this module's time (about a minute).
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.faults.conftest import (
    PostgresServer,
    RedisServer,
    free_port,
    postgres_unavailable_reason,
    wait_until,
)

pytestmark = pytest.mark.faults

BASE_DIR = Path(__file__).resolve().parents[2]

SEED = """
import json
from tests import factories
home = factories.make_home()
section = factories.make_section(home, "Tin tức", show_in_menus=True)
cached = factories.make_article(section, "Tin được lưu đệm", body_text="Nội dung đã lưu đệm")
other = factories.make_article(section, "Tin chưa ai đọc", body_text="Nội dung chưa đọc")
print(json.dumps({"cached": cached.url, "other": other.url, "other_id": other.pk}))
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    granian = Path(sys.executable).parent / "granian"
    if not granian.exists():
        pytest.skip("needs granian (requirements.txt)")
    # Not under pytest's temporary directory: the postgres user cannot enter root's.
    directory = Path(tempfile.mkdtemp(prefix="portal-faults-pg-"))
    postgres = PostgresServer(directory)
    postgres.init()
    postgres.start()
    redis = RedisServer(tmp_path_factory.mktemp("redis"))
    redis.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.test",
        "DATABASE_URL": postgres.url("postgres"),
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": redis.url,
        "PYTHONUNBUFFERED": "1",
    }
    server = None
    try:
        manage = [sys.executable, "manage.py"]
        subprocess.run(  # noqa: S603 - fixed arguments
            [*manage, "migrate", "--no-input", "-v0"], cwd=BASE_DIR, env=env, check=True
        )
        seeded = subprocess.run(  # noqa: S603 - fixed arguments
            [*manage, "shell", "-c", SEED],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        urls = json.loads(seeded.stdout.strip().splitlines()[-1])
        port = free_port()
        log = directory / "granian.log"
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                str(granian),
                "--interface",
                "wsgi",
                "--workers",
                "1",
                "--blocking-threads",
                "1",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-ws",
                "portal_site.wsgi:application",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"

        def answers():
            assert server.poll() is None, log.read_text()
            try:
                return requests.get(f"{base}/robots.txt", timeout=2).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(answers, 60, "granian start")
        yield {"base": base, "postgres": postgres, "log": log, **urls}
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        redis.stop()
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            postgres.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_with_postgres_down_cached_pages_are_served_and_others_answer_503(stack):
    base = stack["base"]
    cached = base + stack["cached"]
    assert requests.get(cached, timeout=5).headers["X-Portal-Cache"] == "miss"
    assert requests.get(cached, timeout=5).headers["X-Portal-Cache"] == "hit"
    assert requests.get(base + "/", timeout=5).status_code == 200  # cached too

    stack["postgres"].stop()
    try:
        time.sleep(0.6)  # past PORTAL_CONTENT_VERSION_MAX_AGE: the version read now fails
        for url in (cached, base + "/"):
            response = requests.get(url, timeout=5)
            assert response.status_code == 200, (url, response.text[:300])
            assert response.headers["X-Portal-Cache"] == "hit"
        assert "Nội dung đã lưu đệm" in requests.get(cached, timeout=5).text

        page = requests.get(base + stack["other"], timeout=10)
        assert page.status_code == 503, page.text[:300]
        assert int(page.headers["Retry-After"]) > 0
        assert "tạm thời gián đoạn" in page.text
        assert page.headers["Content-Type"].startswith("text/html")

        api = requests.get(f"{base}/api/v1/articles/{stack['other_id']}/", timeout=10)
        assert api.status_code == 503
        assert int(api.headers["Retry-After"]) > 0
        error = api.json()["error"]
        assert (error["status"], error["code"]) == (503, "service_unavailable")
        assert "thử lại" in error["message"]
    finally:
        stack["postgres"].start()

    # The worker's persistent connection died with the server: the first request after the
    # restart must not be the one that finds out.
    first = requests.get(base + stack["other"], timeout=10)
    assert first.status_code == 200, (first.text[:300], stack["log"].read_text()[-2000:])
    assert "Nội dung chưa đọc" in first.text
