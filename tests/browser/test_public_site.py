"""A reader uses the public site in a real browser, on a desktop and on a phone."""

import pytest

from tests.browser.conftest import axe_violations, new_page

ARTICLE_PATH = (
    "/van-hoa-ung-xu-tren-moi-truong-mang/"
    "trien-khai-ke-hoach-nang-cao-y-thuc-trach-nhiem-cong-dong-tren-moi-truong-mang/"
)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_reader_browses_home_section_article_tag_search_and_print(
    browser, server_url, portal, shots, viewport
):
    page = new_page(browser, server_url, viewport)
    page.goto("/")
    shots(page, "home")
    assert page.locator("h2", has_text="Tin nổi bật").is_visible()

    page.get_by_role("navigation", name="Danh mục chính").get_by_role(
        "link", name="Văn hóa ứng xử trên môi trường mạng"
    ).click()
    page.wait_for_url("**/van-hoa-ung-xu-tren-moi-truong-mang/")
    shots(page, "section")
    assert page.locator("h1").inner_text() == "Văn hóa ứng xử trên môi trường mạng"

    page.get_by_role("link", name="Triển khai kế hoạch nâng cao ý thức").first.click()
    page.wait_for_url(f"**{ARTICLE_PATH}")
    shots(page, "article")
    assert "Kế hoạch 113/KH-UBND" in page.locator(".article__lead").inner_text()

    page.get_by_role("link", name="tuyên truyền", exact=True).click()
    page.wait_for_url("**/the/**")
    shots(page, "tag")
    assert page.locator("h1").inner_text() == "Thẻ: tuyên truyền"
    assert page.get_by_role("link", name="Triển khai kế hoạch nâng cao ý thức").is_visible()

    search = page.get_by_role("searchbox", name="Tìm kiếm trên cổng thông tin")
    search.fill("uy ban nhan dan")
    search.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=**")
    shots(page, "search")
    page.get_by_role("link", name="Triển khai kế hoạch nâng cao ý thức").first.click()
    page.wait_for_url(f"**{ARTICLE_PATH}")

    page.get_by_role("link", name="Bản in").click()
    page.wait_for_url("**/ban-in/")
    shots(page, "print")
    assert page.locator("h1").inner_text().startswith("Triển khai kế hoạch")
    page.context.close()


PAGE_TYPES = {
    "home": "/",
    "section": "/van-hoa-ung-xu-tren-moi-truong-mang/",
    "article": ARTICLE_PATH,
    "print": ARTICLE_PATH + "ban-in/",
    "tag": "/the/tuyên-truyền/",
    "search": "/tim-kiem/?q=tuyen+truyen",
    "search-empty": "/tim-kiem/?q=khongcoketqua",
    "standard": "/gioi-thieu/",
    "not-found": "/khong-co-trang-nay/",
}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_serious_accessibility_violations_on_any_public_page_type(
    browser, server_url, portal, shots, viewport
):
    page = new_page(browser, server_url, viewport)
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(path)
        shots(page, name)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    page.context.close()
    assert found == {}


def test_keyboard_reaches_skip_link_menu_and_search(browser, server_url, portal, shots):
    page = new_page(browser, server_url, "desktop")
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"
    shots(page, "skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"

    page.goto("/")
    labels = []
    for _ in range(15):
        page.keyboard.press("Tab")
        labels.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert "Tin tức - Sự kiện" in labels
    assert "Giáo dục" in labels

    page.goto("/")
    while page.evaluate("() => document.activeElement.id") != "site-search":
        page.keyboard.press("Tab")
    page.keyboard.type("tuyen truyen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=tuyen+truyen")
    shots(page, "search-by-keyboard")
    assert page.locator(".search-results li").count() >= 1
    page.context.close()
