"""What people try in the admin to get around review, and what they see when it is refused.

Whatever the attempt, the article stays off the site and out of the API afterwards.
"""

import re

from playwright.sync_api import expect

from tests.browser import admin_ui as ui


def assert_not_public(page, page_id):
    assert page.request.get(f"/api/v1/articles/{page_id}/").status == 404
    listing = page.request.get("/api/v1/articles/?limit=50").json()["items"]
    assert page_id not in [item["id"] for item in listing]


def test_reporter_has_no_publish_button_and_direct_publish_urls_are_refused(
    browser, server_url, portal, shots
):
    reporter = ui.login(browser, server_url, ui.REPORTER)
    page_id = ui.write_article(reporter, "Phóng viên thử đăng thẳng không qua duyệt")
    actions = ui.footer_actions(reporter)
    shots(reporter, "editor-footer-without-publish")
    assert not set(actions) & {"Xuất bản", "Publish"}, actions

    # The Publish action forced into the edit form: saved as a draft, nothing goes live.
    shown = ui.tamper_publish(reporter)
    shots(reporter, "forced-publish-from-edit-form")
    assert not any("published" in m or "đã xuất bản" in m.lower() for m in shown), shown
    assert_not_public(reporter, page_id)

    # The bulk publish URL typed in: the confirmation page refuses and offers no button.
    reporter.goto(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/")
    shots(reporter, "bulk-publish-url")
    expect(reporter.get_by_role("main")).to_contain_text(
        "Bạn không có quyền xuất bản trang đã chọn"
    )
    expect(reporter.get_by_role("button", name=re.compile(r"Đồng ý|Xuất bản"))).to_have_count(0)

    # ...and a POST to it with a valid CSRF token publishes nothing.
    reporter.goto(f"/admin/pages/{page_id}/edit/")
    token = reporter.locator("form#page-edit-form input[name=csrfmiddlewaretoken]").input_value()
    reporter.request.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page_id}",
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{server_url}/admin/pages/{page_id}/edit/"},
    )
    reporter.goto(f"/admin/pages/{page_id}/edit/")
    shots(reporter, "after-bulk-publish-post")
    # Wagtail's bulk action skips the pages it may not publish and says how many it published.
    assert "Đã xuất bản 0 trang" in ui.messages(reporter), ui.messages(reporter)
    assert_not_public(reporter, page_id)
    reporter.context.close()


def test_editor_cannot_approve_their_own_article(browser, server_url, portal, shots):
    editor = ui.login(browser, server_url, ui.EDITOR)
    title = "Biên tập viên tự viết, tự duyệt"
    page_id = ui.write_article(
        editor,
        title,
        paragraph="Thông tin chi tiết xem tại ",
        link=("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.gov.vn/"),
    )
    ui.submit_for_review(editor, page_id)
    editor.goto("/admin/")
    queue = editor.get_by_role("region", name=re.compile(r"^Chờ bạn duyệt"))
    expect(queue.get_by_role("link", name=title)).to_be_visible()
    shots(editor, "own-article-in-queue")

    shown = ui.review_action(editor, page_id, ui.APPROVE, "Tự duyệt bài của mình.")
    shots(editor, "self-approval-refused")
    assert any(ui.SELF_APPROVAL_REFUSAL in m for m in shown), shown
    assert_not_public(editor, page_id)
    # Nothing was lost: the article still waits at the editor stage.
    editor.goto("/admin/")
    expect(queue.get_by_role("row").filter(has_text=title)).to_contain_text("Biên tập viên duyệt")
    editor.context.close()


def test_superuser_cannot_publish_an_unreviewed_article_from_the_edit_screen(
    browser, server_url, portal, superuser, shots
):
    admin = ui.login(browser, server_url, superuser)
    page_id = ui.write_article(admin, "Quản trị tối cao thử xuất bản từ màn hình sửa")
    actions = ui.footer_actions(admin)
    shots(admin, "editor-footer-without-publish")
    assert not set(actions) & {"Xuất bản", "Publish"}, actions

    shown = ui.tamper_publish(admin)
    shots(admin, "forced-publish-refused")
    assert any(ui.UNREVIEWED_REFUSAL in m for m in shown), shown
    assert_not_public(admin, page_id)
    admin.context.close()


def test_superuser_cannot_publish_an_unreviewed_article_by_bulk_action(
    browser, server_url, portal, superuser, shots
):
    admin = ui.login(browser, server_url, superuser)
    title = "Quản trị tối cao thử xuất bản hàng loạt"
    page_id = ui.write_article(admin, title)
    admin.goto(f"/admin/pages/{ui.section_id(admin)}/")
    row = admin.get_by_role("row").filter(has=admin.get_by_role("link", name=title))
    row.get_by_role("checkbox").check()
    shots(admin, "selected-in-explorer")
    admin.get_by_role("link", name="Xuất bản các trang đã chọn", exact=True).click()
    admin.wait_for_url("**/admin/bulk/wagtailcore/page/publish/**")
    shots(admin, "bulk-publish-confirmation")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Đồng ý, xuất bản", exact=True).click()
    admin.wait_for_load_state()
    shots(admin, "bulk-publish-refused")
    assert any(ui.UNREVIEWED_REFUSAL in m for m in ui.messages(admin)), ui.messages(admin)
    assert_not_public(admin, page_id)
    admin.context.close()
