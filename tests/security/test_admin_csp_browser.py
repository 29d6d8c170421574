"""The admin still works under its Content-Security-Policy: the page editor loads in headless
Chromium (Debian's ``chromium``) with no violation reported, and its scripts ran."""

import shutil
import subprocess

import pytest

from editorial import roles
from tests import factories
from tests.security import browser_urls

# serialized_rollback: the live server needs a transactional database, and the groups and
# root page come from migrations.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def reporting(settings):
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (apt-get install -y chromium)")
    settings.ROOT_URLCONF = "tests.security.browser_urls"
    report = ["/__test__/csp-report/"]
    settings.PORTAL_CSP_ADMIN = {**settings.PORTAL_CSP_ADMIN, "report-uri": report}
    settings.SECURE_CSP = {**settings.SECURE_CSP, "report-uri": report}
    browser_urls.REPORTS.clear()
    return browser_urls.REPORTS


def load(url):
    result = subprocess.run(  # noqa: S603
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--virtual-time-budget=15000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_harness_sees_a_violation(live_server, reporting):
    dom = load(f"{live_server.url}/__test__/inline-script/")
    assert "<title>x</title>" in dom  # the inline script did not run
    assert any("inline" in str(report) for report in reporting)


def test_page_editor_loads_without_csp_violations(live_server, reporting):
    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    article = factories.make_article(section, "Bài viết thử")
    editor = factories.make_user("bientap", roles.EDITORS)
    dom = load(
        f"{live_server.url}/__test__/login/{editor.pk}/?next=/admin/pages/{article.pk}/edit/"
    )
    assert "Bài viết thử" in dom
    # Rendered by Wagtail's JavaScript (telepath + Draftail): proof that the scripts ran.
    assert "DraftEditor-root" in dom
    assert reporting == [], [r.get("csp-report", r).get("blocked-uri") for r in reporting]


@pytest.mark.parametrize(
    ("path", "rendered_by_script"),
    [
        ("/admin/", "sidebar-main-menu"),
        ("/admin/images/multiple/add/", "fileupload"),
        ("/admin/account/", "w-tabs"),
    ],
)
def test_admin_screens_load_without_csp_violations(
    live_server, reporting, path, rendered_by_script
):
    admin = factories.make_user("quantri", roles.ADMINISTRATORS)
    dom = load(f"{live_server.url}/__test__/login/{admin.pk}/?next={path}")
    assert rendered_by_script in dom
    assert reporting == [], [r.get("csp-report", r).get("blocked-uri") for r in reporting]
