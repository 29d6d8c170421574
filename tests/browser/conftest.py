"""Browser tests: Debian's Chromium driven by Playwright against a real server process.

The server is ``manage.py runserver`` in a subprocess, on 127.0.0.1, using the test database
(PostgreSQL: an in-memory SQLite database cannot be shared between two processes). Tests use
``transactional_db`` so what they create is committed and visible to the server. Screenshots of
every step go to ``test-artifacts/browser/<test name>/``.
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

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous calls, so Django's async guard is lifted here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _is_browser_test(item):
    return "tests/browser/" in str(item.fspath).replace(os.sep, "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark browser tests and run them last: they commit data to the test database."""
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=_is_browser_test)


def _missing():
    if not Path(CHROMIUM).exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium; CI installs it)"
    if not AXE.exists():
        return "needs axe-core: npm install --prefix tests/browser (CI and make test-browser do)"
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


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-media")


@pytest.fixture(scope="session")
def server_url(django_db_setup, django_db_blocker, media_root, browser):
    """Base URL of a runserver process sharing the test database."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "browser tests need PostgreSQL (the server process shares the test database): "
            "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal"
        )
    settings_dict = connection.settings_dict
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port_db = settings_dict.get("PORT") or 5432
    database_url = f"postgres://{user}{password}@{host}:{port_db}/{settings_dict['NAME']}"
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.test",
        "DATABASE_URL": database_url,
        "TEST_MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
    }
    log = open(ARTIFACTS.parent / "browser-server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310 - loopback
            break
        except OSError:
            if process.poll() is not None:
                message = "the test server exited; see test-artifacts/browser-server.log"
                raise RuntimeError(message) from None
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("the test server did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session", autouse=True)
def _clean_artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield


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


@pytest.fixture(scope="session")
def portal(server_url, django_db_blocker, media_root):
    """The demo portal, committed once for the whole browser session (the server process
    must see it, so no test transaction wraps it). Browser tests run after every other test
    (see pytest_collection_modifyitems), so nothing else sees this data."""
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = media_root
    with django_db_blocker.unblock():
        call_command("seed_demo", password=DEMO_PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return DEMO_PASSWORD


@pytest.fixture
def committed_db(django_db_blocker, portal):
    """ORM access from a browser test; every write commits at once, as the server needs."""
    with django_db_blocker.unblock():
        yield


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
