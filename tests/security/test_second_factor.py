"""Second factor (TOTP, django-otp): enforced by role when PORTAL_REQUIRE_2FA is on,
enrolment in the admin, single-use codes, recovery codes, re-authentication."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial import roles
from tests import factories
from tests.security.helpers import admin_login, age_session, totp_code

pytestmark = pytest.mark.django_db

ADMIN_VIEWS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/account/",
    "/admin/reports/site-history/",
]


@pytest.fixture
def require_2fa(settings):
    settings.PORTAL_REQUIRE_2FA = True
    return settings


def enrol(client):
    """Complete enrolment through the setup view; return (device, recovery codes)."""
    page = client.get("/admin/security/2fa/setup/")
    assert page.status_code == 200
    assert "<svg" in page.text
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/admin/security/2fa/setup/", {"code": totp_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.text)
    assert len(codes) == 10
    return device, codes


@pytest.mark.parametrize(
    ("role", "superuser"),
    [
        (roles.EDITORS, False),
        (roles.CHIEF_EDITORS, False),
        (roles.AUDITORS, False),
        (roles.ADMINISTRATORS, False),
        (None, True),
    ],
)
def test_password_alone_reaches_no_admin_view_for_roles_that_need_2fa(
    client, require_2fa, role, superuser
):
    factories.make_user("staff", role, superuser=superuser)
    assert admin_login(client, "staff").status_code == 302
    for url in ADMIN_VIEWS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/security/2fa/setup/?next="), url


def test_api_refuses_a_session_without_second_factor(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    response = client.get("/api/v2/pages/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Cần xác thực hai lớp."


def test_reporters_need_no_second_factor_unless_the_setting_says_so(client, require_2fa):
    factories.make_user("phongvien", roles.REPORTERS)
    admin_login(client, "phongvien")
    assert client.get("/admin/").status_code == 200

    require_2fa.PORTAL_REQUIRE_2FA_FOR_REPORTERS = True
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/security/2fa/setup/")


def test_an_unknown_group_with_admin_access_needs_a_second_factor(client, require_2fa):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Nhóm mới")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    factories.make_user("other", None).groups.add(group)
    admin_login(client, "other")
    assert client.get("/admin/").status_code == 302


def test_without_the_setting_staff_sign_in_with_a_password(client, settings):
    settings.PORTAL_REQUIRE_2FA = False
    factories.make_user("staff", roles.ADMINISTRATORS)
    admin_login(client, "staff")
    assert client.get("/admin/").status_code == 200


def test_enrolment_then_second_sign_in_asks_for_a_code(client, require_2fa):
    factories.make_user("staff", roles.CHIEF_EDITORS)
    admin_login(client, "staff")
    device, _codes = enrol(client)
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    admin_login(client, "staff")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/security/2fa/?next=%2Fadmin%2Fpages%2F"
    response = client.post(
        "/admin/security/2fa/", {"code": totp_code(device, offset_steps=1), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_enrolment_code_does_not_turn_2fa_on(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    client.get("/admin/security/2fa/setup/")
    response = client.post("/admin/security/2fa/setup/", {"code": "000000"})
    assert response.status_code == 200
    assert "không đúng" in response.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_a_totp_code_is_accepted_only_once(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    device, _codes = enrol(client)
    client.post("/admin/logout/")

    admin_login(client, "staff")
    code = totp_code(device, offset_steps=1)
    assert client.post("/admin/security/2fa/", {"code": code}).status_code == 302
    client.post("/admin/logout/")

    admin_login(client, "staff")
    response = client.post("/admin/security/2fa/", {"code": code})
    assert response.status_code == 200
    assert "đã được dùng" in response.text
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, require_2fa):
    factories.make_user("staff", roles.AUDITORS)
    admin_login(client, "staff")
    _device, codes = enrol(client)
    client.post("/admin/logout/")

    admin_login(client, "staff")
    assert client.post("/admin/security/2fa/", {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.count() == 9
    client.post("/admin/logout/")

    admin_login(client, "staff")
    assert client.post("/admin/security/2fa/", {"code": codes[0]}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_verification_gets_a_new_session_key(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    device, _codes = enrol(client)
    client.post("/admin/logout/")
    admin_login(client, "staff")
    before = client.session.session_key
    client.post("/admin/security/2fa/", {"code": totp_code(device, offset_steps=1)})
    assert client.session.session_key != before


def test_verification_ignores_a_foreign_next_url(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    device, _codes = enrol(client)
    client.post("/admin/logout/")
    admin_login(client, "staff")
    response = client.post(
        "/admin/security/2fa/",
        {"code": totp_code(device, offset_steps=1), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


def test_changing_account_settings_needs_a_recent_password_and_code(client, require_2fa):
    user = factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    device, _codes = enrol(client)
    assert client.get("/admin/account/").status_code == 200  # just proved who they are

    age_session(client, reauth_at=10 * 60)
    response = client.get("/admin/account/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/security/reauth/?next=%2Fadmin%2Faccount%2F"
    response = client.post(
        "/admin/account/", {"name_email-email": "new@example.gov.vn"}, follow=False
    )
    assert response["Location"].startswith("/admin/security/reauth/")
    user.refresh_from_db()
    assert user.email == "staff@example.gov.vn"

    response = client.post(
        "/admin/security/reauth/",
        {"password": factories.TEST_PASSWORD, "next": "/admin/account/"},
    )
    assert response.status_code == 200  # the code is missing
    response = client.post(
        "/admin/security/reauth/",
        {"password": "wrong-password-000", "code": totp_code(device, offset_steps=1)},
    )
    assert response.status_code == 200
    assert "Mật khẩu không đúng" in response.text
    response = client.post(
        "/admin/security/reauth/",
        {
            "password": factories.TEST_PASSWORD,
            "code": totp_code(device, offset_steps=1),
            "next": "/admin/account/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/admin/security/2fa/setup/"),
        ("post", "/admin/security/2fa/recovery-codes/"),
        ("post", "/admin/security/2fa/reset/"),
    ],
)
def test_changing_the_second_factor_needs_a_recent_password(client, require_2fa, method, url):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    enrol(client)
    age_session(client, reauth_at=10 * 60)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/security/reauth/")
    assert TOTPDevice.objects.filter(confirmed=True).count() == 1
    assert StaticToken.objects.count() == 10


def test_own_user_edit_page_needs_a_recent_password(client):
    user = factories.make_user("root", superuser=True)
    client.force_login(user)
    age_session(client, reauth_at=10 * 60)
    response = client.get(f"/admin/users/edit/{user.pk}/")
    assert response["Location"].startswith("/admin/security/reauth/")


def test_reauthentication_failures_count_towards_the_lockout(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    for _ in range(2):
        client.post("/admin/security/reauth/", {"password": "wrong-password-000"})
    response = client.post("/admin/security/reauth/", {"password": factories.TEST_PASSWORD})
    assert response.status_code == 429


def test_removing_a_required_second_factor_sends_the_user_to_enrol_again(client, require_2fa):
    factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    enrol(client)
    response = client.post("/admin/security/2fa/reset/")
    assert response["Location"] == "/admin/security/2fa/setup/"
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_account_page_links_to_two_factor_settings(client):
    client.force_login(factories.make_user("staff", roles.REPORTERS))
    assert "/admin/security/2fa/manage/" in client.get("/admin/account/").text
    assert client.get("/admin/security/2fa/manage/").status_code == 200


def verified_client(client_class, user):
    """A client signed in as ``user`` who has passed the second factor with a real device."""
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    other = client_class()
    other.force_login(user)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return other


def test_administrator_removes_a_users_second_factor_and_ends_their_sessions(client, require_2fa):
    staff = factories.make_user("staff", roles.EDITORS)
    admin_login(client, "staff")
    enrol(client)
    assert client.get("/admin/").status_code == 200

    admin = verified_client(client.__class__, factories.make_user("quantri", roles.ADMINISTRATORS))
    assert admin.get(f"/admin/security/users/{staff.pk}/").status_code == 200
    response = admin.post(f"/admin/security/users/{staff.pk}/", {"action": "reset_2fa"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
