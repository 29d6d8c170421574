"""Issue 23 in Chromium: a soft line break (Shift+Enter) typed in the editor is saved and the
article opens again in the editor; hostile text shown on the portal runs no script."""

import re

from playwright.sync_api import expect

from tests.browser import admin_ui as ui


def test_a_soft_line_break_typed_in_the_editor_saves_and_reopens(browser, server_url, portal):
    page = ui.login(browser, server_url, "phongvien")
    page_id = ui.write_article(page, "Bài có xuống dòng mềm", paragraph="Dòng thứ nhất")
    editor = page.locator("[id^='panel-child-'][id$='-body-section']").get_by_role("textbox").last
    editor.click()
    editor.press("End")
    editor.press("Shift+Enter")
    editor.press_sequentially("Dòng thứ hai")
    expect(page.locator("input[name$='-value'][name^='body-']").last).to_have_value(
        re.compile("Dòng thứ hai")
    )
    ui.settle_autosave(page)
    ui.footer(page).get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{page_id}/edit/"))
    ui.settle_autosave(page)
    # Opened afresh: the edit view answers and shows both lines in one paragraph.
    response = page.goto(f"/admin/pages/{page_id}/edit/")
    assert response.status == 200
    reopened = page.locator("[id^='panel-child-'][id$='-body-section']").get_by_role("textbox")
    expect(reopened.last).to_contain_text("Dòng thứ nhất")
    expect(reopened.last).to_contain_text("Dòng thứ hai")
    page.context.close()


HOSTILE_LEAD = (
    "<img src=x onerror=\"window.__xss=1;console.log('XSS-MARKER')\"><script>alert(1)</script>"
)


def test_hostile_text_in_an_article_runs_no_script_on_any_page(browser, server_url, portal):
    page = ui.login(browser, server_url, "phongvien")
    events = []
    page.on("dialog", lambda dialog: (events.append("dialog"), dialog.dismiss()))
    page.on("console", lambda m: "XSS-MARKER" in m.text and events.append("console"))
    page.on(
        "request",
        lambda r: (
            not r.url.startswith(server_url)
            and not r.url.startswith("data:")
            and events.append(r.url)
        ),
    )
    page_id = ui.write_article(
        page,
        '"><svg onload=alert(1)> Tiêu đề',
        lead=HOSTILE_LEAD,
        paragraph="<script>alert(1)</script> javascript:alert(1)",
        tag="<img src=x onerror=alert(1)>",
    )
    for url in (
        f"/admin/pages/{page_id}/edit/",
        f"/admin/pages/{page_id}/view_draft/",
        f"/admin/pages/{page_id}/history/",
        f"/tim-kiem/?q={HOSTILE_LEAD}",
    ):
        response = page.goto(url)
        assert response.status < 500, url
        assert page.evaluate("() => window.__xss") is None, url
    assert events == []
    page.context.close()
