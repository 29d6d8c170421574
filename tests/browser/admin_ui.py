"""What a member of staff does in Wagtail 8's admin, as a person would: through its forms,
buttons and dialogs, found by role and label.

The admin is in Vietnamese: Wagtail's own strings come from portal_site/locale (which completes
Wagtail's catalogue), the portal's from its apps' catalogues. Locators use the Vietnamese labels
the staff see ("Lưu bản nháp", "Thao tác khác", "Chèn khối nội dung").
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, new_page

# Demo accounts (editorial.roles.DEMO_USERNAMES) and their display names (demo.content).
REPORTER = "phongvien"
EDITOR = "bientap"
CHIEF_EDITOR = "truongban"
AUDITOR = "kiemtoan"

# The section new articles go into: a section with the default review workflow.
SECTION_TITLE = "Văn hóa ứng xử trên môi trường mạng"
SECTION_PATH = "/van-hoa-ung-xu-tren-moi-truong-mang/"

# The publish guard's refusal (editorial.exceptions.UnreviewedPublishError, Vietnamese catalogue).
UNREVIEWED_REFUSAL = "Không được xuất bản: nội dung này chưa được duyệt ở đủ các bước kiểm duyệt."
# Four eyes (editorial.exceptions.SelfApprovalError).
SELF_APPROVAL_REFUSAL = "Bạn không thể duyệt phiên bản này vì nó có nội dung do chính bạn soạn"

WORKFLOW_NAME = "Kiểm chứng trước, xuất bản sau"

# Review actions in the editor's footer (Wagtail's "Approve", "Request changes", "Reject").
APPROVE = "Duyệt"
# At the workflow's last stage Wagtail's footer says "%(label)s and Publish"; its dialog, "Duyệt".
APPROVE_AND_PUBLISH = "Duyệt và xuất bản"
REQUEST_CHANGES = "Yêu cầu chỉnh sửa"


def login(browser, server_url, username, viewport="desktop"):
    """A new browser context signed in to the admin as ``username`` (password only: the
    second factor is required by production settings, not by the test settings)."""
    page = new_page(browser, server_url, viewport)
    page.goto("/admin/login/")
    page.get_by_role("textbox", name=re.compile(r"^Tên đăng nhập")).fill(username)
    page.get_by_placeholder("Nhập mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url("**/admin/")
    return page


def textbox(page, label):
    """A form field by its label (required fields' labels end with "*")."""
    return page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\*?$"))


def messages(page):
    """The admin's flash messages on the current page, as text."""
    return [" ".join(text.split()) for text in page.locator(".messages li").all_inner_texts()]


def footer(page):
    return page.get_by_role("navigation", name="Thao tác (chân trang)")


def footer_actions(page):
    """Labels of every action in the editor's footer, including its "Thao tác khác" menu."""
    bar = footer(page)
    more = bar.get_by_role("button", name="Thao tác khác")
    if more.count():
        more.click()
    labels = [" ".join(t.split()) for t in bar.locator("button, a").all_inner_texts()]
    if more.count():
        page.keyboard.press("Escape")
    return [label for label in labels if label]


def settle_autosave(page):
    """Let Wagtail's autosave (every 500 ms after a change) finish before the form is submitted.

    A submit racing an autosave leaves the next edit view one revision behind, and Wagtail then
    answers the next save with its "this page has changed" dialog instead of saving.
    """
    page.wait_for_timeout(800)
    page.wait_for_function(
        """() => {
            const indicator = document.querySelector('#w-autosave-indicator');
            return !indicator || indicator.dataset.wAutosaveStateValue !== 'saving';
        }"""
    )


def open_more_actions(page):
    footer(page).get_by_role("button", name="Thao tác khác").click()


def choose_image(page, image_title):
    """Pick ``image_title`` in the image chooser of the article's main image."""
    page.get_by_role("button", name="Chọn một hình ảnh").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=image_title).click()
    expect(dialog).to_be_hidden()


def add_paragraph(page, text, link=None):
    """Add a text block to the body; ``link`` = (text, url) appends an external link."""
    page.get_by_role("button", name="Chèn khối nội dung").click()
    page.get_by_role("option", name="Đoạn văn").click()
    # The body field's panel: its id carries the tab's slugified (now Vietnamese) heading.
    editor = page.locator("[id^='panel-child-'][id$='-body-section']").get_by_role("textbox").last
    editor.wait_for()
    editor.click()
    editor.press_sequentially(text)
    if link is not None:
        link_text, url = link
        editor.press("Control+k")
        dialog = page.get_by_role("dialog")
        dialog.get_by_role("link", name="Liên kết ngoài").click()
        dialog.get_by_role("textbox", name=re.compile(r"^Địa chỉ")).fill(url)
        # Wagtail's link form leaves this field unlabelled: Django shows its name, in English.
        dialog.get_by_role("textbox", name="Link text").fill(link_text)
        dialog.get_by_role("button", name="Chèn liên kết").click()
        expect(dialog).to_be_hidden()
        editor.press("End")
        editor.press_sequentially(".")
    expect(editor).to_contain_text(text)
    # Draftail writes its hidden input on change: wait for it before anything submits the form.
    expect(page.locator("input[name$='-value'][name^='body-']").last).to_have_value(
        re.compile(re.escape(text[:20]))
    )


def add_tag(page, tag):
    page.locator("#id_tags + ul input.ui-autocomplete-input").fill(tag)
    page.keyboard.press("Enter")


def write_article(
    page,
    title,
    *,
    lead="Sapo ngắn gọn của bài viết.",
    image=None,
    paragraph="Nội dung bài viết.",
    link=None,
    tag=None,
    source=None,
):
    """Create an article in the test section and save it as a draft; returns its page id.

    ``source``: (type label, source name, source URL) for the "Nguồn tin" fields.
    """
    parent_id = section_id(page)
    page.goto(f"/admin/pages/add/cms/articlepage/{parent_id}/")
    textbox(page, "Tiêu đề").fill(title)
    textbox(page, "Sapo").fill(lead)
    if image:
        choose_image(page, image)
    add_paragraph(page, paragraph, link=link)
    if tag:
        add_tag(page, tag)
    if source:
        kind, name, url = source
        page.get_by_role("combobox", name="Loại nguồn tin").select_option(label=kind)
        textbox(page, "Nguồn tin").fill(name)
        textbox(page, "Địa chỉ nguồn tin").fill(url)
    settle_autosave(page)
    footer(page).get_by_role("button", name="Lưu bản nháp").click()
    # Autosave may have created the page already; either way the editor ends on its edit view.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator(".messages li.success").first).to_be_visible()
    settle_autosave(page)
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


def section_id(page):
    """Id of the test section, from the public API (as any client of the portal finds it)."""
    response = page.request.get("/api/v2/pages/?slug=" + SECTION_PATH.strip("/"))
    return response.json()["items"][0]["id"]


def submit_for_review(page, page_id, resubmit=False):
    """Submit (or resubmit after changes were requested) from the editor's footer."""
    if f"/admin/pages/{page_id}/edit/" not in page.url:
        page.goto(f"/admin/pages/{page_id}/edit/")
    settle_autosave(page)
    open_more_actions(page)
    name = re.compile(r"^Gửi duyệt lại: ") if resubmit else re.compile(re.escape(WORKFLOW_NAME))
    with page.expect_navigation():
        footer(page).get_by_role("button", name=name).click()
    page.wait_for_load_state()


def review_action(page, page_id, action, comment):
    """Take a review action from the editor's footer through its dialog.

    ``action``: the footer's label: "Duyệt" (approve; "Duyệt và xuất bản" at the last stage),
    "Yêu cầu chỉnh sửa" (request changes) or "Từ chối" (reject).
    Approving always opens the dialog listing the content checks' findings of the version; each
    warning's required checkbox is ticked: the reviewer has read the warnings. Returns the
    messages shown after.
    """
    page.goto(f"/admin/pages/{page_id}/edit/")
    open_more_actions(page)
    footer(page).get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name=re.compile(r"^Ý kiến")).fill(comment)
    verb = APPROVE if action == APPROVE_AND_PUBLISH else action
    if verb == APPROVE:
        expect(
            dialog.get_by_role("region", name="Kết quả kiểm tra nội dung của phiên bản này")
        ).to_be_visible()
    boxes = dialog.get_by_role("checkbox")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    with page.expect_navigation():
        dialog.get_by_role("button", name=verb, exact=True).click()
    page.wait_for_load_state()
    return messages(page)


def tamper_publish(page):
    """Submit the edit form with ``action-publish`` added, as someone would with the
    browser's developer tools once the Publish button is gone."""
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.querySelector('form#page-edit-form');
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = 'action-publish';
                input.value = 'action-publish';
                form.appendChild(input);
                form.requestSubmit();
            }"""
        )
    page.wait_for_load_state()
    return messages(page)
