"""Issue 23: each content that made the portal answer 500, or wrote a formula or live markup,
through the real stack (database, admin views, public pages, commands)."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook
from taggit.models import Tag
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from cms.models import ArticlePage
from cms.sanitize import clean_html
from demo.review import publish_reviewed
from editorial import roles
from tests import factories
from tests.editorial.admin import article_data, edit_url
from tests.editorial.conftest import login

PUNCTUATION_TAG = "!!!"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)"]


def compare_url(page, old, new):
    return f"/admin/pages/{page.pk}/revisions/compare/{old}...{new}/"


def write_raw_body(page, body):
    """Store ``body`` on the page row and its latest revision as old content would be: with a
    queryset update, past today's save hooks."""
    raw = json.dumps(body)
    ArticlePage.objects.filter(pk=page.pk).update(body=raw)
    revision = page.latest_revision
    content = {**revision.content, "body": raw}
    type(revision).objects.filter(pk=revision.pk).update(content=content)


# --- Tags ---------------------------------------------------------------------------------------
def test_a_punctuation_only_tag_never_breaks_the_article_or_its_draft_view(
    client, news_section, superuser
):
    article = factories.make_article(news_section, "Bài có thẻ lạ", tags=[PUNCTUATION_TAG])
    tag = Tag.objects.get(name=PUNCTUATION_TAG)
    assert tag.slug  # a stable fallback, never empty
    response = client.get(article.url)
    assert response.status_code == 200
    assert f'href="/the/{tag.slug}/"' in response.text
    assert client.get(f"/the/{tag.slug}/").status_code == 200
    login(client, superuser)
    assert client.get(f"/admin/pages/{article.pk}/view_draft/").status_code == 200


def test_a_tag_stored_with_an_empty_slug_is_shown_without_a_link(client, news_section):
    article = factories.make_article(news_section, "Bài có thẻ cũ", tags=["###"])
    Tag.objects.filter(name="###").update(slug="")
    response = client.get(article.url)
    assert response.status_code == 200
    assert "<span>###</span>" in response.text


def test_the_admin_refuses_a_tag_without_letters_or_digits(client, news_section, editor):
    article = factories.make_article(news_section, "Bản nháp", live=False)
    login(client, editor)
    response = client.post(edit_url(article), article_data(article, tags="Tin tức, ?!"))
    assert response.status_code == 200  # the form again, with the message
    assert "không có chữ hay số" in response.text
    assert not Tag.objects.filter(name="?!").exists()
    assert article.get_latest_revision() is None or "?!" not in json.dumps(
        article.get_latest_revision().content
    )


# --- Rich text the editor cannot open -----------------------------------------------------------
UNCONVERTIBLE = [
    "<p>Dòng một<br>dòng hai</p>",
    "<li>Mục ngoài danh sách</li><p>Đoạn sau</p>",
    "<b><p>Đậm</p><ul><li>lồng</li></ul></b><p>x<hr>y</p>",
    # A link left open: the HTML parser carries it around the next paragraph (found by the
    # corpus: import_article failed with the converter's AssertionError).
    "<p><a href=#x>Bấm vào đây</p>\n<p>Đoạn kế tiếp</p>",
]


@pytest.mark.parametrize("html", UNCONVERTIBLE)
def test_imported_html_the_editor_cannot_convert_opens_in_the_admin(
    client, news_section, superuser, tmp_path, html
):
    path = tmp_path / "bai.html"
    path.write_text(html, encoding="utf-8")
    out = io.StringIO()
    call_command("import_article", str(path), section=news_section.slug, title="Nhập", stdout=out)
    article = ArticlePage.objects.get(pk=int(out.getvalue()))
    login(client, superuser)
    assert client.get(edit_url(article)).status_code == 200
    text = json.loads(article.get_latest_revision().content["body"])[0]["value"]
    for word in ("một", "ngoài", "Đậm", "lồng", "Bấm", "kế"):
        if word in html:
            assert word in text


def test_a_link_left_open_across_paragraphs_is_stored_as_the_editor_opens_it():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from cms.blocks import RICH_TEXT_FEATURES
    from cms.sanitize import clean_rich_text

    stored = clean_rich_text(UNCONVERTIBLE[-1])
    # The editor's own converter, links included, opens it (it asserted before).
    ContentstateConverter(RICH_TEXT_FEATURES).from_database_format(stored)
    assert "Bấm vào đây" in stored and "Đoạn kế tiếp" in stored
    assert 'href="#x"' in stored
    assert clean_rich_text(stored) == stored


def test_a_stored_body_the_editor_cannot_convert_still_opens_and_compares(
    client, news_section, superuser, reporter
):
    article = factories.make_article(news_section, "Bài cũ", live=True)
    live_revision = article.live_revision_id
    article = ArticlePage.objects.get(pk=article.pk)
    article.lead = "Sửa"
    new_revision = article.save_revision(user=reporter)
    write_raw_body(article, [{"type": "paragraph", "value": UNCONVERTIBLE[1], "id": "x1"}])
    login(client, superuser)
    assert client.get(edit_url(article)).status_code == 200
    assert client.get(compare_url(article, live_revision, new_revision.pk)).status_code == 200


def test_a_soft_line_break_saved_by_the_editor_reopens(client, news_section, editor):
    article = factories.make_article(news_section, "Xuống dòng", live=False)
    login(client, editor)
    # What Draftail posts for Shift+Enter: a block whose text holds a newline (article_data
    # converts the HTML with Wagtail's own converter, as the editor does).
    assert "\\n" in rich_text("<p>Dòng một<br/>dòng hai</p>")
    response = client.post(
        edit_url(article), article_data(article, body_html="<p>Dòng một<br/>dòng hai</p>")
    )
    assert response.status_code == 302
    stored = ArticlePage.objects.get(pk=article.pk).get_latest_revision().content["body"]
    assert "<br/>" in stored
    assert client.get(edit_url(article)).status_code == 200


# --- Links --------------------------------------------------------------------------------------
def test_a_stored_link_with_a_malformed_id_renders_as_text(client, news_section):
    article = factories.make_article(news_section, "Liên kết hỏng", live=True)
    write_raw_body(
        article,
        [
            {
                "type": "paragraph",
                "value": '<p><a linktype="page" id="abc">trang</a> và '
                '<a linktype="document" id="1 OR 1=1">văn bản</a></p>',
                "id": "x1",
            }
        ],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert "<a>trang</a>" in response.text and "<a>văn bản</a>" in response.text


def test_a_saved_link_with_a_malformed_id_is_stored_as_text(news_section):
    article = factories.make_article(
        news_section,
        "Liên kết lạ",
        live=False,
        body_text='<a linktype="page" id="abc">trang</a> <a linktype="evil" id="3">x</a>',
    )
    stored = ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert stored == "<p>trang x</p>"


@pytest.mark.parametrize(
    "link", ['<a linktype="page" id="999999">x</a>', '<a linktype="document" id="abc">x</a>']
)
def test_import_refuses_links_to_nowhere_and_stores_nothing(news_section, tmp_path, link):
    path = tmp_path / "bai.html"
    path.write_text(f"<p>Xem {link}</p>", encoding="utf-8")
    before = ArticlePage.objects.count()
    with pytest.raises(CommandError, match="Liên kết không hợp lệ"):
        call_command("import_article", str(path), section=news_section.slug, title="Nhập")
    assert ArticlePage.objects.count() == before


def test_the_admin_refuses_a_link_to_a_missing_page(client, news_section, editor):
    article = factories.make_article(news_section, "Bản nháp liên kết", live=False)
    target = factories.make_article(news_section, "Đích", live=False)
    data = article_data(article, body_html=f'<p><a linktype="page" id="{target.pk}">đích</a></p>')
    Page.objects.filter(pk=target.pk).delete()
    login(client, editor)
    response = client.post(edit_url(article), data)
    assert response.status_code == 200
    assert "không tồn tại" in response.text
    assert article.get_latest_revision() is None


def test_javascript_with_a_numeric_remainder_is_not_a_link():
    assert clean_html('<a href="javascript:123">x</a>') == "<a>x</a>"
    assert clean_html('<a href=" JaVa&#x09;Script:alert(1)">x</a>') == "<a>x</a>"
    assert clean_html('<a href="/tin-tuc/">x</a>') == '<a href="/tin-tuc/">x</a>'


# --- Tables in the compare view and the approval trail -------------------------------------------
def test_a_table_cell_with_a_marked_section_opens_compare_and_the_approval_trail(
    client, news_section, reporter
):
    article = factories.make_article(news_section, "Bảng", live=True)
    first = article.live_revision_id
    article = ArticlePage.objects.get(pk=article.pk)
    article.body = [
        (
            "table",
            {
                "data": [["<![", "<![CDATA[x"], ["a", "b"]],
                "first_row_is_table_header": False,
                "first_col_is_header": False,
            },
        )
    ]
    factories.go_live(article)
    article = ArticlePage.objects.get(pk=article.pk)
    auditor = factories.make_user("kt", roles.AUDITORS)
    login(client, factories.make_user("root", superuser=True))
    assert client.get(compare_url(article, first, article.live_revision_id)).status_code == 200
    login(client, auditor)
    response = client.get(f"/admin/nhat-ky-duyet/trang/{article.pk}/")
    assert response.status_code == 200


# --- Exports --------------------------------------------------------------------------------------
@pytest.fixture
def formula_activity(news_section):
    """An article titled and commented with formulas, written by a person named with one."""
    author = factories.make_user("pvxau", roles.REPORTERS, first_name=FORMULAS[1], last_name="")
    _reporter, editor, chief = factories.staff()
    article = factories.make_article(news_section, FORMULAS[0], live=False)
    publish_reviewed(article, author=author, reviewers=[editor, chief])
    return article


def _cells_of_csv(content):
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def _assert_no_formula(cells):
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if c[:1] in ("=", "+", "@", "\t", "\r")], texts
    assert any(c.startswith("'=") for c in texts)


def test_ledger_csv_and_xlsx_write_formulas_as_text(client, formula_activity):
    login(client, factories.make_user("kiemtoan", roles.AUDITORS))
    response = client.get("/admin/nhat-ky-duyet/", {"export": "csv"})
    assert response.status_code == 200
    _assert_no_formula(_cells_of_csv(b"".join(response.streaming_content)))
    response = client.get("/admin/nhat-ky-duyet/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    _assert_no_formula([c.value for c in cells])


def test_periodic_report_csv_and_xlsx_write_names_as_text(client, formula_activity, tmp_path):
    today = timezone.localdate().isoformat()
    login(client, factories.make_user("kiemtoan", roles.AUDITORS))
    response = client.get(
        "/admin/nhat-ky-duyet/dinh-ky/", {"date_from": today, "date_to": today, "format": "csv"}
    )
    _assert_no_formula(_cells_of_csv(response.content))
    response = client.get(
        "/admin/nhat-ky-duyet/dinh-ky/", {"date_from": today, "date_to": today, "format": "xlsx"}
    )
    output = tmp_path / "bao-cao.xlsx"
    call_command(
        "editorial_report", "--from", today, "--to", today, "--format", "xlsx", output=str(output)
    )
    for content in (response.content, output.read_bytes()):
        workbook = load_workbook(io.BytesIO(content))
        cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
        assert not [c for c in cells if c.data_type == "f"]
        _assert_no_formula([c.value for c in cells])


# --- Feeds ----------------------------------------------------------------------------------------
def test_feed_titles_and_descriptions_are_escaped_as_html_inside_the_xml(client, news_section):
    from xml.etree import ElementTree

    factories.make_article(
        news_section, "Tin <b>đậm</b>", lead='<script>alert(1)</script><img src=x onerror="a()">'
    )
    response = client.get(news_section.url + "rss/")
    item = ElementTree.fromstring(response.content).find("channel/item")  # noqa: S314 - our own
    # What a feed reader that renders HTML receives, after XML parsing: text, not markup.
    assert item.find("description").text.startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert item.find("title").text == "Tin &lt;b&gt;đậm&lt;/b&gt;"
