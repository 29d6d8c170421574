"""The periodic report: counts and times per section and per person, as admin view and command."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from editorial import roles
from editorial.actions import TakeDown
from ledger import periodic
from ledger.models import LedgerEntry
from tests import factories
from tests.ledger.conftest import act


@pytest.fixture
def activity(news_section, staff, review_workflow):
    """Three articles submitted: one published then taken down, one sent back for changes,
    one rejected by the chief editor; all through the review workflow."""
    reporter, editor, chief = staff
    published = factories.make_article(news_section, "Bài đã đăng", live=False)
    published.save_revision(user=reporter)
    review_workflow.start(published, reporter)
    act(published, editor, "approve")
    act(published, chief, "approve")
    sent_back = factories.make_article(news_section, "Bài bị trả lại", live=False)
    sent_back.save_revision(user=reporter)
    review_workflow.start(sent_back, reporter)
    act(sent_back, editor, "request_changes", "Thiếu nguồn")
    rejected = factories.make_article(news_section, "Bài bị từ chối", live=False)
    rejected.save_revision(user=reporter)
    review_workflow.start(rejected, reporter)
    act(rejected, editor, "approve")
    act(rejected, chief, "reject", "Không đăng")
    TakeDown(published, chief, "Thông tin đã cũ").execute()
    return published, sent_back, rejected


def today():
    return timezone.localdate()


def test_counts_per_section_and_person(activity, news_section):
    report = periodic.build(today(), today())
    section = next(row for row in report.sections if row.label == news_section.title)
    values = {key: section.value(key) for key, _label in periodic.COLUMNS}
    assert values == {
        "submitted": 3,
        "published": 1,
        "sent_back": 1,
        "rejected": 1,
        "taken_down": 1,
        "median_hours": values["median_hours"],
        "p90_hours": values["p90_hours"],
    }
    assert values["median_hours"] is not None and values["median_hours"] >= 0
    people = {row.label: row for row in report.people}
    assert people["Pv Test"].value("submitted") == 3
    assert people["Btv Test"].value("sent_back") == 1
    assert people["Btv Test"].value("submitted") == 0
    chief = people["Tb Test"]
    assert {key: chief.value(key) for key in ("published", "rejected", "taken_down")} == {
        "published": 1,
        "rejected": 1,
        "taken_down": 1,
    }


def test_time_from_submission_to_publication_percentiles():
    assert periodic.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert periodic.percentile([5], 90) == 5


def test_period_excludes_other_days(activity):
    report = periodic.build(today() - timedelta(days=10), today() - timedelta(days=1))
    assert report.sections == [] and report.people == []


def test_admin_report_shows_the_weekly_chart(client, activity, news_section):
    client.force_login(factories.make_user("kiemtoan", roles.AUDITORS))
    response = client.get(
        "/admin/nhat-ky-duyet/dinh-ky/",
        {"date_from": today().isoformat(), "date_to": today().isoformat()},
    )
    assert response.status_code == 200
    assert "ledger-chart__row" in response.text
    assert news_section.title in response.text


def test_admin_report_export_is_recorded(client, activity):
    client.force_login(factories.make_user("kiemtoan", roles.AUDITORS))
    response = client.get(
        "/admin/nhat-ky-duyet/dinh-ky/",
        {"date_from": today().isoformat(), "date_to": today().isoformat(), "format": "csv"},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows[0]) == 9
    last = LedgerEntry.objects.order_by("-seq").first()
    assert (last.action, last.extra["report"]) == ("portal.ledger.export", "periodic")


@pytest.mark.parametrize(
    "params",
    [{"date_from": "x", "date_to": "y"}, {"date_from": "2026-02-01", "date_to": "2026-01-01"}],
)
def test_admin_report_bad_dates_do_not_error(client, db, params):
    client.force_login(factories.make_user("kiemtoan", roles.AUDITORS))
    response = client.get("/admin/nhat-ky-duyet/dinh-ky/", params)
    assert response.status_code == 200
    assert "ledger-chart" not in response.text


def test_command_writes_xlsx(activity, tmp_path, news_section):
    output = tmp_path / "bao-cao.xlsx"
    call_command(
        "editorial_report",
        "--from",
        today().isoformat(),
        "--to",
        today().isoformat(),
        "--format",
        "xlsx",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    workbook = load_workbook(output)
    summary = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert any(row[1] == news_section.title and row[3] == 1 for row in summary[1:])
    weekly = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert weekly[0][1:] == (news_section.title,)


def test_command_writes_csv(activity, tmp_path):
    output = tmp_path / "bao-cao.csv"
    call_command(
        "editorial_report",
        "--from",
        today().isoformat(),
        "--to",
        today().isoformat(),
        "--format",
        "csv",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert {row[1] for row in rows[1:]} >= {"Pv Test", "Tb Test"}


def test_command_refuses_bad_dates(db):
    with pytest.raises(CommandError):
        call_command("editorial_report", "--from", "2026-13-01", "--to", "2026-01-01")
    with pytest.raises(CommandError):
        call_command("editorial_report", "--from", "2026-02-01", "--to", "2026-01-01")
