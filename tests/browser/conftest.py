"""Browser tests: Debian's Chromium driven by Playwright against a real server process.

The server is ``manage.py runserver`` in a subprocess on 127.0.0.1, with a PostgreSQL database
of its own, built the way ``make run`` builds one (``migrate`` then ``seed_demo``) and dropped
at the end. The test database of pytest-django is not shared: transactional tests flush it,
and an in-memory SQLite database cannot be shared at all. Screenshots of every step go to
``test-artifacts/browser/<test name>/``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "browser-test-password"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _is_browser_test(item):
    return "tests/browser/" in str(item.fspath).replace(os.sep, "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark browser tests and run them last (they are the slowest)."""
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=_is_browser_test)


def _missing():
    if not Path(CHROMIUM).exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium; CI installs it)"
    if not AXE.exists():
        return "needs axe-core: npm ci --prefix tests/browser (CI and make test-browser do)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "needs playwright (requirements-dev.txt)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def _artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


def _server_database():
    """(admin connection parameters, URL) of a fresh PostgreSQL database for the server."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "browser tests need PostgreSQL (the server gets a database of its own): "
            "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal"
        )
    params = connection.settings_dict
    name = f"{params['NAME']}_browser"
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return name, f"postgres://{user}{password}@{host}:{port}/{name}"


def _admin_sql(sql):
    import psycopg

    params = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        host=params.get("HOST") or "127.0.0.1",
        port=params.get("PORT") or 5432,
        autocommit=True,
    ) as admin:
        admin.execute(sql)


@pytest.fixture(scope="session")
def server_env(browser, tmp_path_factory):
    """Environment of the server process and of ``manage.py`` commands run against its database.

    Test settings: staff sign in with username and password (the second factor is enforced by
    production settings only; ``PORTAL_REQUIRE_2FA`` is pinned off here so a developer's
    environment cannot turn it on for the test server).
    """
    name, database_url = _server_database()
    media_root = tmp_path_factory.mktemp("browser-media")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.test",
        "DATABASE_URL": database_url,
        "TEST_MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
        "PORTAL_REQUIRE_2FA": "0",
        "PORTAL_REQUIRE_2FA_FOR_REPORTERS": "0",
    }
    # The server's cache is its own (local memory): a shared Redis would carry the report
    # form's per-address rate limit over from one run to the next.
    env.pop("REDIS_URL", None)
    _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield env
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_manage(env, *args, extra_env=None):
    """Run ``manage.py`` against the server's database; its output goes to the server log."""
    with open(ARTIFACTS.parent / "browser-server.log", "a") as log:
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**env, **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )


@pytest.fixture(scope="session")
def server_url(server_env):
    """Base URL of a runserver process on its own, freshly seeded demo database."""
    (ARTIFACTS.parent / "browser-server.log").write_text("")
    run_manage(server_env, "migrate", "--no-input")
    run_manage(server_env, "seed_demo", "--password", DEMO_PASSWORD)
    port = _free_port()
    log = open(ARTIFACTS.parent / "browser-server.log", "a")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    message = "the test server did not start; see test-artifacts/browser-server.log"
                    raise RuntimeError(message) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


SUPERUSER = "sieuquantri"


@pytest.fixture(scope="session")
def superuser(server_url, server_env):
    """A superuser account on the test server (the demo has none): its username."""
    run_manage(
        server_env,
        "createsuperuser",
        "--no-input",
        "--username",
        SUPERUSER,
        "--email",
        f"{SUPERUSER}@example.gov.vn",
        extra_env={"DJANGO_SUPERUSER_PASSWORD": DEMO_PASSWORD},
    )
    return SUPERUSER


@pytest.fixture(scope="session")
def portal(server_url):
    """The demo portal the server serves; its accounts' password."""
    return DEMO_PASSWORD


class Shots:
    """Saves numbered screenshots of a test's steps."""

    def __init__(self, name):
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def __call__(self, page, step):
        self.count += 1
        page.screenshot(path=self.folder / f"{self.count:02d}-{step}.png", full_page=True)


@pytest.fixture
def shots(request):
    return Shots(request.node.name)


def new_page(browser, server_url, viewport="desktop"):
    context = browser.new_context(
        base_url=server_url, viewport=VIEWPORTS[viewport], locale="vi-VN", bypass_csp=True
    )
    return context.new_page()


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's violations of the given impacts on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]
