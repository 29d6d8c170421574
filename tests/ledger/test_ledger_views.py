"""The audit report, its exports, the approval trail and who may see them."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page, Revision

from demo.review import record_verification
from editorial import roles
from ledger.models import LedgerEntry
from ledger.views import EXPORT_FIELDS
from tests import factories
from tests.ledger.conftest import act

REPORT_URL = "/admin/nhat-ky-duyet/"


@pytest.fixture
def auditor(db):
    return factories.make_user("kiemtoan", roles.AUDITORS)


@pytest.fixture
def reviewed_article(news_section, staff, review_workflow):
    """An article published through both review stages, then edited and published again."""
    reporter, editor, chief = staff
    article = factories.make_article(news_section, "Thông báo tuyển dụng", live=False)
    article.save_revision(user=reporter)
    review_workflow.start(article, reporter)
    act(article, editor, "approve", "Biên tập xong")
    act(article, chief, "approve", "Duyệt đăng")
    article = article.specific
    article.lead = "Tóm tắt đã sửa: hạn nộp hồ sơ 30/11"
    article.save_revision(user=reporter)
    review_workflow.start(article, reporter)
    act(article, editor, "approve", "Sửa hạn nộp")
    act(article, chief, "approve", "Duyệt bản sửa")
    return article


def test_auditor_reads_the_report_and_the_trail(client, auditor, reviewed_article):
    client.force_login(auditor)
    report = client.get(REPORT_URL)
    assert report.status_code == 200
    assert "Thông báo tuyển dụng" in report.text
    trail = client.get(f"{REPORT_URL}trang/{reviewed_article.pk}/")
    assert trail.status_code == 200
    assert "Duyệt bản sửa" in trail.text
    assert "hạn nộp hồ sơ 30/11" in trail.text  # the diff against the previously live version


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{page}/edit/",
        "/admin/pages/add/cms/articlepage/{section}/",
        "/admin/pages/{page}/delete/",
        "/admin/pages/{page}/unpublish/",
        "/admin/pages/{page}/move/",
        "/admin/pages/{page}/copy/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/settings/cms/accountabilitysettings/",
    ],
)
def test_auditor_cannot_reach_edit_or_admin_screens(client, auditor, reviewed_article, url):
    client.force_login(auditor)
    response = client.get(
        url.format(page=reviewed_article.pk, section=reviewed_article.get_parent().pk)
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [roles.REPORTERS, roles.EDITORS, roles.CHIEF_EDITORS])
def test_staff_without_ledger_access_are_refused(client, reviewed_article, role):
    client.force_login(factories.make_user("nv", role))
    assert client.get(REPORT_URL).status_code == 403
    assert client.get(f"{REPORT_URL}trang/{reviewed_article.pk}/").status_code == 403
    assert client.get(f"{REPORT_URL}dinh-ky/").status_code == 403


def test_report_menu_shows_ledger_items_to_auditors_only(client, auditor, reviewed_article):
    client.force_login(auditor)
    assert REPORT_URL in client.get("/admin/").text
    client.force_login(factories.make_user("pv2", roles.REPORTERS))
    assert REPORT_URL not in client.get("/admin/").text


def test_trail_survives_deleting_revisions_the_article_and_the_approver(
    client, auditor, reviewed_article, staff
):
    _reporter, _editor, chief = staff
    before = list(LedgerEntry.objects.for_page(reviewed_article.pk).values())
    page_id, chief_id = reviewed_article.pk, chief.pk
    call_command("purge_revisions", days=0, stdout=io.StringIO())
    Revision.page_revisions.filter(object_id=str(page_id)).delete()
    DeletePageAction(Page.objects.get(pk=page_id), user=chief).execute()
    chief.delete()
    assert not type(chief).objects.filter(pk=chief_id).exists()

    assert not Revision.page_revisions.filter(object_id=str(page_id)).exists()
    assert not Page.objects.filter(pk=page_id).exists()

    after = list(LedgerEntry.objects.for_page(page_id).values())
    # Nothing removed or blanked; one entry added: the deletion.
    assert after[: len(before)] == before
    assert [e["action"] for e in after[len(before) :]] == ["wagtail.delete"]
    assert [(e["action"], e["actor_username"]) for e in before] == [
        ("portal.review.submit", "pv"),
        ("portal.review.approve", "btv"),
        ("portal.review.sign_off", "tb"),
        ("wagtail.publish", "tb"),
        ("portal.review.submit", "pv"),
        ("portal.review.approve", "btv"),
        ("portal.review.sign_off", "tb"),
        ("wagtail.publish", "tb"),
    ]
    last_sign_off = before[6]
    assert (
        last_sign_off["actor_id"],
        last_sign_off["actor_full_name"],
        last_sign_off["actor_roles"],
        last_sign_off["comment"],
        last_sign_off["stage"],
    ) == (chief_id, "Tb Test", roles.CHIEF_EDITORS, "Duyệt bản sửa", "Trưởng ban biên tập ký duyệt")
    assert last_sign_off["revision_id"] is not None and len(last_sign_off["content_sha256"]) == 64
    client.force_login(auditor)
    trail = client.get(f"{REPORT_URL}trang/{page_id}/")
    assert trail.status_code == 200
    assert "Duyệt bản sửa" in trail.text and "Tb Test" in trail.text
    assert "Thông báo tuyển dụng" in trail.text
    assert "Ledger OK" in _verify()


def _verify():
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    return out.getvalue()


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_has_every_field_of_every_filtered_entry_and_nothing_else(
    client, auditor, reviewed_article, staff
):
    _reporter, editor, _chief = staff
    client.force_login(auditor)
    expected = list(
        LedgerEntry.objects.filter(actor_id=editor.pk, action="portal.review.approve").order_by(
            "-seq"
        )
    )
    # The home page and the section went live through review too.
    assert len(expected) == 4
    response = client.get(
        REPORT_URL, {"person": editor.pk, "action": "portal.review.approve", "export": "csv"}
    )
    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    assert len(header) == len(EXPORT_FIELDS) == 29
    # Every field of every entry in the filter, in order, and no other entry.
    assert [int(row[0]) for row in rows] == [entry.seq for entry in expected]
    for row, entry in zip(rows, expected, strict=True):
        values = dict(zip(EXPORT_FIELDS, row, strict=True))
        assert values["action_label"] == "Đã duyệt"
        assert values["created_at"].startswith(entry.created_at.strftime("%Y-%m-%d"))
        for name in EXPORT_FIELDS:
            if name in ("created_at", "action_label"):
                continue
            stored = getattr(entry, name)
            assert values[name] == ("" if stored is None else str(stored)), name
    assert {row[EXPORT_FIELDS.index("comment")] for row in rows} == {
        "",
        "Biên tập xong",
        "Sửa hạn nộp",
    }
    assert {row[EXPORT_FIELDS.index("stage")] for row in rows} == {"Biên tập viên duyệt"}


def test_xlsx_export_filters_by_section_and_date_and_is_itself_recorded(
    client, auditor, reviewed_article, news_section
):
    other = factories.make_section(news_section.get_parent(), "Thông báo")
    factories.make_article(other, "Bài chuyên mục khác")
    client.force_login(auditor)
    today = reviewed_article.last_published_at.date().isoformat()
    expected = set(
        LedgerEntry.objects.filter(section_id=news_section.pk).values_list("seq", flat=True)
    )
    before = LedgerEntry.objects.count()
    response = client.get(
        REPORT_URL,
        {
            "section": news_section.pk,
            "created_at_after": today,
            "created_at_before": today,
            "export": "xlsx",
        },
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    seqs = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert seqs == expected
    export = LedgerEntry.objects.get(seq=before + 1)
    assert export.action == "portal.ledger.export"
    assert export.actor_username == "kiemtoan"
    assert export.extra["format"] == "xlsx"
    assert export.extra["count"] == len(expected)
    assert export.extra["filters"]["section"] == [str(news_section.pk)]


def test_report_filters_by_source_type(client, auditor, news_section, staff):
    _reporter, editor, _chief = staff
    factories.make_article(news_section, "Tin do phóng viên viết")
    social = factories.make_article(
        news_section,
        "Tin từ Facebook",
        live=False,
        source_type="social_network",
        source_url="https://facebook.com/p/1",
    )
    # A social-network source is verified before anyone may approve it.
    record_verification(
        social,
        editor=editor,
        original_post_url="https://facebook.com/p/1",
        note="Đã gọi điện cho UBND xã xác nhận",
        sources=["https://baochinhphu.vn/tin-1", "https://vnexpress.net/tin-2"],
    )
    # The facebook.com link is an unknown domain: both reviewers acknowledge that warning.
    factories.go_live(social, acknowledge=["link.unknown_domain"])
    client.force_login(auditor)
    header, *rows = _csv_rows(
        client.get(REPORT_URL, {"source_type": "social_network", "export": "csv"})
    )
    column = {name: EXPORT_FIELDS.index(name) for name in ("page_title", "action", "source_type")}
    assert {row[column["page_title"]] for row in rows} == {"Tin từ Facebook"}
    assert {row[column["source_type"]] for row in rows} == {"social_network"}
    assert [row[column["action"]] for row in reversed(rows)] == [
        "portal.review.verification",
        "portal.review.submit",
        "portal.review.approve",
        "portal.review.sign_off",
        "wagtail.publish",
    ]
    assert len(rows) == LedgerEntry.objects.filter(source_type="social_network").count()
    verification = LedgerEntry.objects.get(action="portal.review.verification")
    assert (verification.actor_username, verification.comment) == (
        "btv",
        "Đã gọi điện cho UBND xã xác nhận",
    )


@pytest.mark.parametrize(
    "params",
    [
        {"created_at_after": "not-a-date"},
        {"section": "abc"},
        {"person": "999999"},
        {"action": "<script>"},
        {"p": "9999"},
    ],
)
def test_bad_filter_input_never_errors(client, auditor, reviewed_article, params):
    client.force_login(auditor)
    assert client.get(REPORT_URL, params).status_code in (200, 404)


def test_editor_panel_lists_the_trail(client, reviewed_article, staff):
    _reporter, editor, _chief = staff
    client.force_login(editor)
    response = client.get(f"/admin/pages/{reviewed_article.pk}/edit/")
    assert response.status_code == 200
    assert "Duyệt bản sửa" in response.text
