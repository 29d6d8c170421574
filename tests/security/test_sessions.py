"""Staff sessions: new id on login, idle timeout, absolute lifetime, logout, ended by an
administrator, and ended elsewhere by a password change."""

import pytest
from django.test import Client

from editorial import roles
from tests import factories
from tests.security.helpers import admin_login, age_session, is_refused

pytestmark = pytest.mark.django_db


def signed_in(username="bientap", role=roles.EDITORS):
    client = Client()
    assert admin_login(client, username).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def assert_signed_out(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_login_issues_a_new_session_id(client):
    factories.make_user("bientap", roles.EDITORS)
    client.get("/admin/login/")
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    admin_login(client, "bientap")
    assert client.session.session_key != before


def test_session_ends_after_idle_timeout(settings):
    factories.make_user("bientap", roles.EDITORS)
    client = signed_in()
    age_session(client, seen_at=settings.PORTAL_SESSION_IDLE_TIMEOUT - 120)
    assert client.get("/admin/").status_code == 200  # activity moves the idle clock
    age_session(client, seen_at=settings.PORTAL_SESSION_IDLE_TIMEOUT + 1)
    assert_signed_out(client)


def test_idle_timeout_message_is_shown_on_the_login_page(settings):
    factories.make_user("bientap", roles.EDITORS)
    client = signed_in()
    age_session(client, seen_at=settings.PORTAL_SESSION_IDLE_TIMEOUT + 1)
    response = client.get("/admin/", follow=True)
    assert "do không hoạt động" in response.text


def test_session_ends_after_absolute_lifetime_even_when_active(settings):
    factories.make_user("bientap", roles.EDITORS)
    client = signed_in()
    age_session(client, auth_at=settings.PORTAL_SESSION_MAX_AGE + 1, seen_at=10)
    assert_signed_out(client)


def test_default_timeouts_are_thirty_minutes_and_twelve_hours(settings):
    assert settings.PORTAL_SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.PORTAL_SESSION_MAX_AGE == 12 * 3600
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_logout_invalidates_the_session_on_the_server():
    factories.make_user("bientap", roles.EDITORS)
    client = signed_in()
    stolen_cookie = client.cookies["sessionid"].value
    client.post("/admin/logout/")

    replay = Client()
    replay.cookies["sessionid"] = stolen_cookie
    assert_signed_out(replay)


def test_administrator_ends_all_sessions_of_a_user():
    target = factories.make_user("bientap", roles.EDITORS)
    first, second = signed_in(), signed_in()
    admin = Client()
    admin.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    response = admin.post(f"/admin/security/users/{target.pk}/", {"action": "end_sessions"})
    assert response.status_code == 302
    assert_signed_out(first)
    assert_signed_out(second)
    # A new sign-in afterwards works.
    signed_in()


@pytest.mark.parametrize("role", [roles.REPORTERS, roles.EDITORS, roles.AUDITORS])
def test_only_administrators_end_other_users_sessions(role):
    target = factories.make_user("bientap", roles.EDITORS)
    victim = signed_in()
    other = Client()
    other.force_login(factories.make_user("someone", role))
    assert is_refused(other.post(f"/admin/security/users/{target.pk}/", {"action": "end_sessions"}))
    assert victim.get("/admin/").status_code == 200


def test_an_administrator_group_member_cannot_touch_a_superuser():
    root = factories.make_user("root", superuser=True)
    admin = Client()
    admin.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    assert is_refused(admin.post(f"/admin/security/users/{root.pk}/", {"action": "reset_2fa"}))


def test_unknown_action_and_unknown_user_are_refused_cleanly():
    target = factories.make_user("bientap", roles.EDITORS)
    admin = Client()
    admin.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    response = admin.post(f"/admin/security/users/{target.pk}/", {"action": "drop_tables"})
    assert response.status_code == 302
    assert admin.get("/admin/security/users/999999/").status_code == 404


def test_password_change_ends_the_users_other_sessions():
    factories.make_user("bientap", roles.EDITORS)
    here, elsewhere = signed_in(), signed_in()
    new_password = "a-new-long-passphrase-2026"
    response = here.post(
        "/admin/account/",
        {
            "password-old_password": factories.TEST_PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
            "name_email-first_name": "Biên",
            "name_email-last_name": "Tập",
            "name_email-email": "bientap@example.gov.vn",
            "locale-preferred_language": "vi",
            "locale-current_time_zone": "Asia/Ho_Chi_Minh",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert here.get("/admin/").status_code == 200
    assert_signed_out(elsewhere)


def test_users_listing_offers_administrators_the_sessions_page():
    factories.make_user("bientap", roles.EDITORS)
    admin = Client()
    admin.force_login(factories.make_user("quantri", roles.ADMINISTRATORS))
    response = admin.get("/admin/users/")
    assert response.status_code == 200
    assert "Phiên làm việc và xác thực hai lớp" in response.text


def revocation_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q for q in queries.captured_queries if "security_sessionrevocation" in q["sql"]]


def test_session_checks_cost_one_query_for_staff_and_none_for_readers(client, home):
    assert revocation_queries(client, "/") == []
    factories.make_user("bientap", roles.EDITORS)
    staff = signed_in()
    assert len(revocation_queries(staff, "/admin/")) == 1
