"""Brute-force protection on the admin login (django-axes): per account, per IP, unlock."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog

from editorial import roles
from tests import factories
from tests.security.helpers import admin_login, is_refused

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def test_account_is_locked_after_n_failures_even_with_the_right_password(client):
    factories.make_user("bientap1", roles.EDITORS)
    for _ in range(LIMIT - 1):
        response = admin_login(client, "bientap1", "wrong-password-000")
        assert response.status_code == 200  # the login form again, with an error
    response = admin_login(client, "bientap1", "wrong-password-000")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text

    response = admin_login(client, "bientap1")  # correct password, still locked
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="bientap1").count() == LIMIT + 1


def test_account_lockout_holds_across_ip_addresses(client):
    factories.make_user("bientap2", roles.EDITORS)
    for n in range(LIMIT):
        admin_login(client, "bientap2", "wrong-password-000", REMOTE_ADDR=f"10.0.0.{n + 1}")
    response = admin_login(client, "bientap2", REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_ip_address_is_locked_after_n_failures_across_accounts(client):
    factories.make_user("victim", roles.EDITORS)
    for n in range(LIMIT):
        admin_login(client, f"guess{n}", "wrong-password-000", REMOTE_ADDR="203.0.113.7")
    response = admin_login(client, "victim", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    # The same account from another address is not affected.
    response = admin_login(client, "victim", REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302


def test_success_before_the_limit_resets_the_count(client):
    factories.make_user("bientap3", roles.EDITORS)
    for _ in range(LIMIT - 1):
        admin_login(client, "bientap3", "wrong-password-000")
    assert admin_login(client, "bientap3").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        admin_login(client, "bientap3", "wrong-password-000")
    assert admin_login(client, "bientap3").status_code == 302


def test_administrator_sees_and_clears_a_lockout(client):
    factories.make_user("bientap4", roles.EDITORS)
    admin = factories.make_user("quantri1", roles.ADMINISTRATORS)
    for _ in range(LIMIT):
        admin_login(client, "bientap4", "wrong-password-000", REMOTE_ADDR="198.51.100.4")

    admin_client = client.__class__()
    admin_client.force_login(admin)
    page = admin_client.get("/admin/security/lockouts/")
    assert page.status_code == 200
    assert "bientap4" in page.text
    attempt = AccessAttempt.objects.get(username="bientap4")
    response = admin_client.post("/admin/security/lockouts/", {"attempt": attempt.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="bientap4").exists()

    assert admin_login(client, "bientap4", REMOTE_ADDR="198.51.100.4").status_code == 302


@pytest.mark.parametrize("role", [roles.EDITORS, roles.CHIEF_EDITORS, roles.AUDITORS])
def test_only_administrators_may_unlock(client, role):
    factories.make_user("locked", roles.REPORTERS)
    for _ in range(LIMIT):
        admin_login(client, "locked", "wrong-password-000")
    attempt = AccessAttempt.objects.get(username="locked")
    other = client.__class__()
    other.force_login(factories.make_user("someone", role))
    assert is_refused(other.get("/admin/security/lockouts/"))
    assert is_refused(other.post("/admin/security/lockouts/", {"attempt": attempt.pk}))
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_unlocking_an_unknown_attempt_is_a_404(client):
    client.force_login(factories.make_user("quantri2", roles.ADMINISTRATORS))
    assert client.post("/admin/security/lockouts/", {"attempt": "999999"}).status_code == 404
    assert client.post("/admin/security/lockouts/", {"attempt": "abc"}).status_code == 404


def test_test_client_login_still_works_in_tests(client):
    factories.make_user("bientap5", roles.EDITORS)
    assert client.login(username="bientap5", password=factories.TEST_PASSWORD)


def test_production_uses_the_strict_axes_backend():
    from tests.security.test_headers import run_manage

    code = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS[0])"
    result = run_manage("shell", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == "axes.backends.AxesStandaloneBackend"
