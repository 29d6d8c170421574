"""An article's whole life, as the people involved live it in a browser: written, reviewed,
sent back, fixed, verified, approved, signed off, read, audited, taken down.

Each person signs in with their own browser context. Screenshots of every step go to
test-artifacts/browser/<test name>/.
"""

import csv
import io
import re

from playwright.sync_api import expect

from ledger.views import EXPORT_FIELDS
from tests.browser import admin_ui as ui
from tests.browser.conftest import new_page

IMAGE = "Nhận diện lừa đảo và đường dẫn lạ"
SOCIAL_POST = "https://www.facebook.com/ubndphuongthanhxuan/posts/1234567890"
CHANGES_COMMENT = "Ghi rõ ngày ban hành thông báo ngay ở sapo."
FIXED_LEAD = "Ngày 01/12/2026, UBND phường thông báo lịch tiếp công dân trực tuyến mới."
TAKEDOWN_REASON = "Thông báo đã hết hiệu lực; đăng tiếp gây hiểu nhầm cho người dân."


def test_article_goes_from_reporter_through_review_to_readers_and_comes_down_on_takedown(
    browser, server_url, portal, shots
):
    title = "Phường thông báo lịch tiếp công dân trực tuyến"

    # --- the reporter writes the article and submits it -------------------------------------
    reporter = ui.login(browser, server_url, ui.REPORTER)
    shots(reporter, "reporter-dashboard")
    page_id = ui.write_article(
        reporter,
        title,
        lead="UBND phường thông báo lịch tiếp công dân trực tuyến.",
        image=IMAGE,
        paragraph="Lịch tiếp công dân được đăng trên ",
        link=("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.gov.vn/"),
        tag="tiếp công dân",
        source=("Bài đăng trên mạng xã hội", "Trang Facebook của UBND phường", SOCIAL_POST),
    )
    shots(reporter, "reporter-draft-saved")
    assert not set(ui.footer_actions(reporter)) & {"Xuất bản", "Publish"}
    ui.submit_for_review(reporter, page_id)
    shots(reporter, "reporter-submitted")
    assert any("Đã gửi duyệt" in m for m in ui.messages(reporter))

    # --- the editor finds it in the review queue and requests changes -----------------------
    editor = ui.login(browser, server_url, ui.EDITOR)
    queue = editor.get_by_role("region", name=re.compile(r"^Chờ bạn duyệt"))
    row = queue.get_by_role("row").filter(has=editor.get_by_role("link", name=title))
    expect(row).to_be_visible()
    expect(row).to_contain_text("Bài đăng trên mạng xã hội")
    shots(editor, "editor-review-queue")
    shown = ui.review_action(editor, page_id, ui.REQUEST_CHANGES, CHANGES_COMMENT)
    shots(editor, "editor-requested-changes")
    assert shown, "no message after requesting changes"

    # --- the reporter reads the comment, fixes the lead and resubmits ------------------------
    reporter.goto(f"/admin/pages/{page_id}/edit/")
    reporter.get_by_role("button", name="Ẩn/hiện trạng thái").click()
    reporter.get_by_role("button", name="Xem chi tiết").click()
    details = reporter.get_by_role("dialog")
    expect(details).to_contain_text(CHANGES_COMMENT)
    shots(reporter, "reporter-sees-comment")
    details.get_by_role("button", name="Đóng hộp thoại").click()
    reporter.get_by_role("button", name="Ẩn/hiện trạng thái").click()
    ui.textbox(reporter, "Sapo").fill(FIXED_LEAD)
    ui.submit_for_review(reporter, page_id, resubmit=True)
    shots(reporter, "reporter-resubmitted")
    assert any("Đã gửi duyệt" in m for m in ui.messages(reporter))

    # --- the editor records the verification of the social-network source and approves -----
    editor.goto("/admin/snippets/editorial/sourceverification/add/")
    editor.get_by_role("button", name="Chọn một trang (Tin bài)").click()
    chooser = editor.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Từ khoá").fill(title)
    chooser.get_by_role("link", name=title).click()
    expect(chooser).to_be_hidden()
    ui.textbox(editor, "Địa chỉ bài đăng gốc").fill(SOCIAL_POST)
    ui.textbox(editor, "Ghi chú kiểm chứng").fill(
        "Đã gọi điện xác nhận với Văn phòng UBND phường; đối chiếu với hai trang chính thống."
    )
    sources = ui.textbox(editor, "Địa chỉ")
    sources.nth(0).fill("https://hanoi.gov.vn/tiep-cong-dan")
    sources.nth(1).fill("https://thanhxuan.hanoi.gov.vn/lich-tiep-cong-dan")
    shots(editor, "editor-verification-form")
    editor.get_by_role("button", name=re.compile(r"^Lưu")).first.click()
    editor.wait_for_url("**/admin/snippets/editorial/sourceverification/")
    shots(editor, "editor-verification-saved")
    expect(editor.locator(".messages li.success")).to_contain_text(title)

    shown = ui.review_action(editor, page_id, ui.APPROVE, "Nguồn đã kiểm chứng, nội dung đạt.")
    shots(editor, "editor-approved")
    assert not any("Bạn không thể" in m or "Không được" in m for m in shown), shown

    # --- the chief editor signs off ----------------------------------------------------------
    chief = ui.login(browser, server_url, ui.CHIEF_EDITOR)
    queue = chief.get_by_role("region", name=re.compile(r"^Chờ bạn duyệt"))
    expect(queue.get_by_role("link", name=title)).to_be_visible()
    shots(chief, "chief-review-queue")
    shown = ui.review_action(chief, page_id, ui.APPROVE_AND_PUBLISH, "Đồng ý đăng.")
    shots(chief, "chief-signed-off")
    assert not any("Bạn không thể" in m or "Không được" in m for m in shown), shown

    # --- readers see it on the site and clients in the API -----------------------------------
    reader = new_page(browser, server_url, "desktop")
    reader.goto(ui.SECTION_PATH)
    reader.get_by_role("link", name=title).first.click()
    expect(reader.locator("h1")).to_have_text(title)
    expect(reader.get_by_text(FIXED_LEAD)).to_be_visible()
    assert reader.locator("img[alt]").filter(visible=True).count() >= 1
    article_url = reader.url
    shots(reader, "reader-article")
    detail = reader.request.get(f"/api/v1/articles/{page_id}/")
    assert detail.status == 200
    assert detail.json()["title"] == title
    listing = reader.request.get("/api/v1/articles/?limit=50")
    assert page_id in [item["id"] for item in listing.json()["items"]]

    # --- the auditor finds it in the approval report and downloads the CSV -------------------
    auditor = ui.login(browser, server_url, ui.AUDITOR)
    auditor.goto("/admin/nhat-ky-duyet/")
    expect(auditor.get_by_role("heading", name="Nhật ký duyệt bài")).to_be_visible()
    rows = auditor.get_by_role("row").filter(has=auditor.get_by_role("link", name=title))
    expect(rows.filter(has_text="Đã duyệt").filter(has_text="Biên tập viên")).to_have_count(1)
    expect(rows.filter(has_text="Đã ký duyệt")).to_have_count(1)
    shots(auditor, "auditor-approval-report")
    auditor.get_by_role("button", name="Thao tác", exact=True).click()
    with auditor.expect_download() as download:
        auditor.get_by_role("link", name=re.compile("CSV")).click()
    assert download.value.suggested_filename.endswith(".csv")
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    entries = [dict(zip(EXPORT_FIELDS, row, strict=False)) for row in csv.reader(io.StringIO(text))]
    mine = [e for e in entries[1:] if e["page_id"] == str(page_id)]
    approvers = {e["action"]: e["actor_username"] for e in mine}
    assert approvers.get("portal.review.approve") == ui.EDITOR, mine
    assert approvers.get("portal.review.sign_off") == ui.CHIEF_EDITOR, mine
    assert "wagtail.publish" in approvers

    # --- the editor takes it down with a reason; it leaves the site and the API --------------
    editor.goto(f"/admin/pages/{page_id}/edit/")
    ui.open_more_actions(editor)
    ui.footer(editor).get_by_role("link", name="Gỡ xuống", exact=True).click()
    editor.wait_for_url(f"**/admin/pages/{page_id}/unpublish/")
    editor.get_by_role("textbox", name=re.compile(r"^Lý do gỡ")).fill(TAKEDOWN_REASON)
    shots(editor, "editor-takedown-form")
    editor.get_by_role("button", name="Gỡ ngay").click()
    editor.wait_for_load_state()
    shots(editor, "editor-taken-down")
    expect(editor.locator(".messages li.success")).to_contain_text("Đã gỡ")

    response = reader.goto(article_url)
    assert response.status == 404
    shots(reader, "reader-article-gone")
    assert reader.request.get(f"/api/v1/articles/{page_id}/").status == 404
    listing = reader.request.get("/api/v1/articles/?limit=50")
    assert page_id not in [item["id"] for item in listing.json()["items"]]

    for page in (reporter, editor, chief, reader, auditor):
        page.context.close()
