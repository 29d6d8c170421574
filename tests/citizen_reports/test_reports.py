"""Citizen reports of harmful content: the public form and its refusals, tracking codes, the
status page, and the moderation queue in the admin."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from citizen_reports.models import HarmfulContentReport, ReportStatus, ReportStatusChange
from citizen_reports.working_days import add_working_days
from editorial import roles
from tests import factories
from tests.html_safety import active_parts, xss_payloads

FORM_URL = "/phan-anh/"
STATUS_URL = "/phan-anh/tra-cuu/"
CODE = re.compile(r'<p class="tracking-code"><code>([A-Za-z0-9_-]+)</code></p>')

VALID = {
    "link": "https://mang-xa-hoi.example.com/bai-viet/123",
    "category": "fraud",
    "description": "Bài đăng mạo danh cơ quan nhà nước, yêu cầu chuyển tiền.",
    "contact_name": "Nguyễn Văn Dân",
    "contact_email": "dan@example.com",
    "contact_phone": "0912 345 678",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def submit(client, ip="203.0.113.5", **changes):
    return client.post(FORM_URL, {**VALID, **changes}, REMOTE_ADDR=ip)


def tracking_code(response):
    match = CODE.search(response.text)
    assert match, "no tracking code on the receipt"
    return match.group(1)


def look_up(client, code):
    return client.post(STATUS_URL, {"code": code})


# --- the public form -------------------------------------------------------------------------
@pytest.mark.django_db
def test_form_is_served_in_vietnamese_with_a_hidden_honeypot(client, home):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    assert "Phản ánh thông tin xấu độc" in response.text
    assert 'class="hp-field" aria-hidden="true"' in response.text
    assert (
        active_parts(
            response.text, allowed_elements={"form", "input", "textarea", "select", "button"}
        )
        == []
    )


@pytest.mark.django_db
def test_valid_report_is_stored_and_its_code_shown_once(client, home):
    response = submit(client)
    assert response.status_code == 200
    code = tracking_code(response)
    report = HarmfulContentReport.objects.get()
    assert report.status == ReportStatus.RECEIVED
    assert report.contact_email == "dan@example.com"
    assert len(code) >= 22
    assert code not in report.tracking_hash and code not in str(report.pk)
    assert report.due_at == add_working_days(report.received_at, 2)
    # The code is not in the database in clear, and the status page shows it nowhere.
    assert not HarmfulContentReport.objects.filter(tracking_hash=code).exists()
    assert code not in look_up(client, code).text


@pytest.mark.django_db
def test_tracking_codes_are_unique_and_reveal_nothing_about_other_reports(client, home):
    codes = [tracking_code(submit(client, ip=f"198.51.100.{i}")) for i in range(4)]
    assert len(set(codes)) == 4
    first = HarmfulContentReport.objects.order_by("pk").first()
    first.status_changed_by = None
    first.status = ReportStatus.CHECKING
    first.save()
    page = look_up(client, codes[0])
    assert page.status_code == 200
    assert "Đang kiểm tra" in page.text
    other = look_up(client, codes[1])
    assert "Đang kiểm tra" not in other.text and "Đã tiếp nhận" in other.text
    for response in (page, other):
        assert VALID["description"] not in response.text
        assert VALID["contact_email"] not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["", "x", "A" * 22, "A" * 101, "' OR 1=1 --", "%00"])
def test_unknown_or_malformed_codes_find_nothing(client, home, code):
    submit(client)
    response = look_up(client, code)
    assert response.status_code in (200, 404)
    assert "Trạng thái:" not in response.text


@pytest.mark.django_db
def test_oversize_description_is_refused_with_a_message(client, home):
    response = submit(client, description="x" * 5001)
    assert response.status_code == 400
    assert "5000" in response.text
    assert not HarmfulContentReport.objects.exists()


@pytest.mark.django_db
def test_oversize_request_body_is_refused_with_a_message(client, home):
    response = submit(client, description="x" * 40_000)
    assert response.status_code == 413
    assert "quá dài" in response.text
    assert not HarmfulContentReport.objects.exists()


@pytest.mark.django_db
def test_rapid_repeated_submissions_are_refused_and_earlier_ones_kept(client, home, settings):
    settings.PORTAL_REPORT_RATE_LIMIT = (3, 600)
    for _ in range(3):
        assert submit(client).status_code == 200
    refused = submit(client)
    assert refused.status_code == 429
    assert "Vui lòng chờ" in refused.text
    assert HarmfulContentReport.objects.count() == 3
    assert submit(client, ip="203.0.113.99").status_code == 200  # another connection


@pytest.mark.django_db
def test_honeypot_submission_is_refused_and_not_stored(client, home):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400
    assert not HarmfulContentReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"link": "javascript:alert(1)"},
        {"link": "data:text/html,<script>alert(1)</script>"},
        {"link": ""},
        {"category": "not-a-category"},
        {"description": "ngắn"},
        {"description": "<b></b><script></script>"},
        {"contact_email": "not-an-email"},
        {"contact_phone": "<script>"},
        {"description": "Mô tả có ký tự rỗng \x00 ở giữa câu"},
    ],
)
def test_invalid_fields_are_refused_with_a_message(client, home, changes):
    response = submit(client, **changes)
    assert response.status_code == 400
    assert 'class="error"' in response.text
    assert not HarmfulContentReport.objects.exists()


@pytest.mark.django_db
def test_xss_payloads_through_the_form_are_stored_as_text_and_render_inert(client, home, settings):
    settings.PORTAL_REPORT_RATE_LIMIT = (10_000, 600)
    payloads = xss_payloads()
    chunks = [payloads[i : i + 25] for i in range(0, len(payloads), 25)]
    moderator = factories.make_user("tnpa", roles.REPORT_MODERATORS)
    stored = 0
    for number, chunk in enumerate(chunks):
        text = "Nội dung xấu độc:\n" + "\n".join(chunk)
        response = submit(
            client, description=text[:5000], contact_name=chunk[0][:255], ip=f"10.0.{number}.1"
        )
        assert response.status_code in (200, 400)
        assert (
            active_parts(
                response.text, allowed_elements={"form", "input", "textarea", "select", "button"}
            )
            == []
        )
        if response.status_code == 200:
            stored += 1
            report = HarmfulContentReport.objects.latest("pk")
            assert BeautifulSoup(report.description, "html5lib").body.find_all(True) == []
            assert (
                active_parts(
                    look_up(client, tracking_code(response)).text,
                    allowed_elements={"form", "input", "button"},
                )
                == []
            )
    assert stored >= len(chunks) - 2
    client.force_login(moderator)
    for report in HarmfulContentReport.objects.all()[:10]:
        edit = client.get(reverse("harmful_content_reports:edit", args=[report.pk]))
        assert edit.status_code == 200
        assert "<script>alert" not in edit.text


# --- working days ----------------------------------------------------------------------------
def test_due_date_skips_weekends_and_public_holidays():
    friday = timezone.make_aware(datetime.datetime(2026, 11, 6, 10, 0))
    due = timezone.localtime(add_working_days(friday, 2))
    assert due.date() == datetime.date(2026, 11, 10)  # Tuesday
    assert (due.hour, due.minute) == (23, 59)
    saturday = timezone.make_aware(datetime.datetime(2026, 11, 7, 10, 0))
    assert timezone.localtime(add_working_days(saturday, 2)).date() == datetime.date(2026, 11, 10)
    before_tet = timezone.make_aware(datetime.datetime(2026, 2, 13, 9, 0))  # Friday
    # Tết 16-20/2/2026: the next working days are 23 and 24 February.
    assert timezone.localtime(add_working_days(before_tet, 2)).date() == datetime.date(2026, 2, 24)


# --- the moderation queue ----------------------------------------------------------------------
@pytest.fixture
def report(db):
    report, _code = HarmfulContentReport.receive(
        link="https://example.com/bai-viet",
        category="fraud",
        description="Bài đăng lừa đảo trúng thưởng",
        contact_name="Người Phản Ánh",
        contact_email="nguoi.phan.anh@example.com",
        contact_phone="0900000001",
    )
    return report


def edit_url(report):
    return reverse("harmful_content_reports:edit", args=[report.pk])


def test_moderator_sees_contact_details_and_changes_status_with_history(client, report):
    moderator = factories.make_user("tiepnhan", roles.REPORT_MODERATORS)
    client.force_login(moderator)
    listing = client.get(reverse("harmful_content_reports:index"))
    assert listing.status_code == 200
    assert "Bài đăng lừa đảo" in listing.text
    assert "nguoi.phan.anh@example.com" not in listing.text
    form = client.get(edit_url(report))
    assert "nguoi.phan.anh@example.com" in form.text
    assert "0900000001" in form.text
    due = timezone.localtime(report.due_at).strftime("%Y-%m-%d %H:%M")
    response = client.post(
        edit_url(report),
        {
            "status": "forwarded",
            "assignee": moderator.pk,
            "due_at": due,
            "forwarded_to": "Công an phường",
            "moderator_note": "Đã chuyển",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    report.refresh_from_db()
    assert report.status == ReportStatus.FORWARDED
    assert report.first_response_at is not None
    change = ReportStatusChange.objects.get(report=report)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "received",
        "forwarded",
        moderator,
    )
    # Contact details cannot be changed through the form.
    assert report.contact_email == "nguoi.phan.anh@example.com"
    history = client.get(edit_url(report)).text
    assert "Đã chuyển cơ quan có thẩm quyền" in history


def test_every_status_change_is_recorded_whatever_the_path(report):
    for status in ("checking", "forwarded", "handled"):
        report.status = status
        report.save()
    report.save()  # no change, no record
    assert list(report.status_changes.values_list("from_status", "to_status")) == [
        ("received", "checking"),
        ("checking", "forwarded"),
        ("forwarded", "handled"),
    ]


def test_chief_editor_reads_the_queue_without_contact_details(client, report):
    chief = factories.make_user("truongban-pa", roles.CHIEF_EDITORS)
    client.force_login(chief)
    listing = client.get(reverse("harmful_content_reports:index"))
    assert listing.status_code == 200
    assert "Bài đăng lừa đảo" in listing.text
    assert "nguoi.phan.anh@example.com" not in listing.text
    response = client.get(edit_url(report))
    assert "nguoi.phan.anh@example.com" not in response.text
    assert client.post(edit_url(report), {"status": "handled"}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED


def test_reporter_role_cannot_open_the_queue(client, report):
    client.force_login(factories.make_user("pv-pa", roles.REPORTERS))
    response = client.get(reverse("harmful_content_reports:index"))
    assert response.status_code in (302, 403)
    assert "Bài đăng lừa đảo" not in client.get("/admin/", follow=True).text


def test_nobody_adds_a_report_in_the_admin(client, db):
    client.force_login(factories.make_user("root-pa", superuser=True))
    assert client.get(reverse("harmful_content_reports:add")).status_code in (302, 403)
    listing = client.get(reverse("harmful_content_reports:index"))
    assert listing.status_code == 200
    assert reverse("harmful_content_reports:add") not in listing.text


def test_rate_limit_follows_the_proxy_header_when_configured(client, home, settings):
    settings.PORTAL_REPORT_RATE_LIMIT = (1, 600)
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert client.post(FORM_URL, VALID, HTTP_X_REAL_IP="192.0.2.1", **proxy).status_code == 200
    assert client.post(FORM_URL, VALID, HTTP_X_REAL_IP="192.0.2.1", **proxy).status_code == 429
    assert client.post(FORM_URL, VALID, HTTP_X_REAL_IP="192.0.2.2", **proxy).status_code == 200


def test_rate_limit_ignores_a_header_the_client_sends_itself(client, home, settings):
    """A header name alone, without a configured proxy: nobody vouches for the header, so the
    limit stays on the connection's address whatever it claims."""
    settings.PORTAL_REPORT_RATE_LIMIT = (1, 600)
    settings.PORTAL_TRUSTED_PROXIES = []
    settings.PORTAL_PROXY_COUNT = 0
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client.post(FORM_URL, VALID, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
    assert client.post(FORM_URL, VALID, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_behind_the_proxy_a_forged_x_forwarded_for_does_not_reset_the_limit(client, home, settings):
    settings.PORTAL_REPORT_RATE_LIMIT = (1, 600)
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"

    def post(forwarded):
        return client.post(FORM_URL, VALID, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    # The proxy appends the citizen's address (198.51.100.1) to whatever the citizen sent.
    assert post("192.0.2.1, 198.51.100.1").status_code == 200
    assert post("192.0.2.2, 198.51.100.1").status_code == 429
    assert post("198.51.100.2").status_code == 200  # another citizen behind the same proxy


def test_queue_listing_queries_do_not_grow_with_reports(client, report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moderator = factories.make_user("tiepnhan3", roles.REPORT_MODERATORS)
    client.force_login(moderator)
    url = reverse("harmful_content_reports:index")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request after a content change builds the cached site lookups
    few = count()
    for number in range(6):
        extra, _ = HarmfulContentReport.receive(
            link=f"https://example.com/{number}", category="other", description="Phản ánh thêm"
        )
        extra.assignee = moderator
        extra.save()
    assert count() == few


def test_overdue_reports_are_marked_in_the_queue(client, report):
    report.due_at = timezone.now() - datetime.timedelta(hours=1)
    report.save()
    on_time, _ = HarmfulContentReport.receive(
        link="https://example.com/2", category="other", description="Một phản ánh khác"
    )
    assert list(HarmfulContentReport.objects.overdue()) == [report]
    client.force_login(factories.make_user("tiepnhan2", roles.REPORT_MODERATORS))
    html = client.get(reverse("harmful_content_reports:index")).text
    assert html.count("Quá hạn") >= 2  # the column heading and the overdue row
    report.status = ReportStatus.CHECKING
    report.save()
    assert not HarmfulContentReport.objects.overdue().exists()
