"""The client's address behind reverse proxies (portal_site.client_ip): login lockout through
the real admin login view, forged X-Forwarded-For headers, and the rules of the function."""

import logging

import pytest
from django.core import checks
from django.test import RequestFactory

from editorial import roles
from portal_site.client_ip import client_ip
from tests import factories
from tests.security.helpers import admin_login

PROXY = "10.0.0.2"
ALICE = "198.51.100.1"  # behind the proxy, guessing passwords
BOB = "198.51.100.2"  # behind the same proxy, knows his password
LIMIT = 5


@pytest.fixture(params=["trusted_proxies", "proxy_count"])
def behind_one_proxy(request, settings):
    """One reverse proxy that appends the peer's address to X-Forwarded-For, configured either
    way the portal allows."""
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    if request.param == "trusted_proxies":
        settings.PORTAL_TRUSTED_PROXIES = [PROXY]
        settings.PORTAL_PROXY_COUNT = 0
    else:
        settings.PORTAL_TRUSTED_PROXIES = []
        settings.PORTAL_PROXY_COUNT = 1
    return request.param


def through_proxy(client, username, password=None, *, sent=None, peer):
    """A login that reached the proxy from ``peer`` with the header ``sent`` by the client (if
    any); the proxy appends ``peer``, as nginx's $proxy_add_x_forwarded_for does."""
    forwarded = f"{sent}, {peer}" if sent else peer
    extra = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}
    if password is None:
        return admin_login(client, username, **extra)
    return admin_login(client, username, password, **extra)


@pytest.mark.django_db
def test_failures_from_one_client_behind_a_proxy_do_not_lock_out_another(client, behind_one_proxy):
    factories.make_user("bob", roles.EDITORS)
    for n in range(LIMIT):
        response = through_proxy(client, f"guess{n}", "wrong-password-000", peer=ALICE)
    assert response.status_code == 429  # Alice's address is locked...
    assert through_proxy(client, "bob", peer=ALICE).status_code == 429

    bob = client.__class__()
    response = through_proxy(bob, "bob", peer=BOB)
    assert response.status_code == 302  # ...Bob's, behind the same proxy, is not
    assert "_auth_user_id" in bob.session


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_dodge_the_lockout(client, behind_one_proxy):
    """A new forged address on every attempt: the proxy's appended address still counts."""
    factories.make_user("alice", roles.EDITORS)
    for n in range(LIMIT):
        through_proxy(
            client, f"guess{n}", "wrong-password-000", sent=f"192.0.2.{n + 1}", peer=ALICE
        )
    response = through_proxy(client, "alice", sent="192.0.2.200", peer=ALICE)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_cannot_lock_out_the_address_it_names(client, behind_one_proxy):
    factories.make_user("bob", roles.EDITORS)
    for n in range(LIMIT):
        through_proxy(client, f"guess{n}", "wrong-password-000", sent=BOB, peer=ALICE)
    assert through_proxy(client.__class__(), "bob", peer=BOB).status_code == 302


@pytest.mark.django_db
def test_without_a_configured_proxy_the_header_is_ignored_by_the_lockout(client, settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.PORTAL_TRUSTED_PROXIES = []
    settings.PORTAL_PROXY_COUNT = 0
    factories.make_user("victim", roles.EDITORS)
    for n in range(LIMIT):
        admin_login(
            client,
            f"guess{n}",
            "wrong-password-000",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    response = admin_login(
        client, "victim", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_login_log_names_the_client_not_the_proxy(client, settings, caplog):
    settings.PORTAL_TRUSTED_PROXIES = [PROXY]
    factories.make_user("bob", roles.EDITORS)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        assert through_proxy(client, "bob", sent="192.0.2.9", peer=BOB).status_code == 302
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("login ")]
    assert line.endswith(f"ip={BOB}")


# --- The rules, request by request ------------------------------------------------------------


def address(settings, remote, header=None, *, trusted=(), count=0, key="HTTP_X_FORWARDED_FOR"):
    settings.PORTAL_TRUSTED_PROXIES = list(trusted)
    settings.PORTAL_PROXY_COUNT = count
    settings.PORTAL_CLIENT_IP_HEADER = key
    meta = {"REMOTE_ADDR": remote}
    if header is not None:
        meta[key] = header
    return client_ip(RequestFactory().get("/", **meta))


def test_with_no_proxy_configured_only_the_peer_counts(settings):
    assert address(settings, "203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_an_untrusted_peer_cannot_name_another_address(settings):
    assert address(settings, "203.0.113.50", "198.51.100.1", trusted=[PROXY]) == "203.0.113.50"


def test_from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(settings):
    forged_then_real = "192.0.2.1, 198.51.100.1"
    assert address(settings, PROXY, forged_then_real, trusted=[PROXY]) == "198.51.100.1"


def test_a_chain_of_trusted_proxies_given_as_networks_is_skipped(settings):
    header = "192.0.2.1, 198.51.100.1, 10.1.2.3, 10.0.0.9"
    assert address(settings, PROXY, header, trusted=["10.0.0.0/24", "10.1.0.0/16"]) == (
        "198.51.100.1"
    )


def test_when_every_hop_is_a_trusted_proxy_the_first_one_is_the_client(settings):
    assert address(settings, PROXY, "10.0.0.5, 10.0.0.3", trusted=["10.0.0.0/24"]) == "10.0.0.5"


def test_garbage_left_of_a_trusted_proxy_stops_the_walk(settings):
    assert address(
        settings, PROXY, "198.51.100.1, not-an-ip, 10.0.0.3", trusted=["10.0.0.0/24"]
    ) == ("10.0.0.3")
    assert address(settings, PROXY, "", trusted=[PROXY]) == PROXY
    assert address(settings, PROXY, None, trusted=[PROXY]) == PROXY


def test_proxy_count_takes_the_nth_address_from_the_right(settings):
    header = "192.0.2.1, 198.51.100.1, 10.0.0.7"  # forged, client, first proxy
    assert address(settings, PROXY, header, count=2) == "198.51.100.1"
    assert address(settings, PROXY, header, count=1) == "10.0.0.7"


def test_proxy_count_with_too_few_hops_falls_back_to_the_peer(settings):
    assert address(settings, "203.0.113.7", "198.51.100.1", count=2) == "203.0.113.7"
    assert address(settings, "203.0.113.7", None, count=1) == "203.0.113.7"


def test_trusted_proxies_take_precedence_over_the_count(settings):
    header = "192.0.2.1, 198.51.100.1"
    assert address(settings, PROXY, header, trusted=[PROXY], count=2) == "198.51.100.1"
    assert address(settings, "203.0.113.7", header, trusted=[PROXY], count=2) == "203.0.113.7"


def test_ports_ipv6_and_mapped_ipv4_are_normalised(settings):
    assert address(settings, PROXY, "198.51.100.1:51234", trusted=[PROXY]) == "198.51.100.1"
    assert address(settings, PROXY, "[2001:DB8::1]:443", trusted=[PROXY]) == "2001:db8::1"
    assert address(settings, "::ffff:10.0.0.2", "198.51.100.1", trusted=[PROXY]) == ("198.51.100.1")
    assert address(settings, "2001:db8::5", "198.51.100.1", trusted=["2001:db8::/64"]) == (
        "198.51.100.1"
    )


def test_a_single_value_header_such_as_x_real_ip_is_read_the_same_way(settings):
    key = "HTTP_X_REAL_IP"
    assert address(settings, PROXY, "198.51.100.1", trusted=[PROXY], key=key) == "198.51.100.1"
    assert address(settings, "203.0.113.7", "198.51.100.1", trusted=[PROXY], key=key) == (
        "203.0.113.7"
    )


def test_no_valid_address_is_an_empty_string(settings):
    assert address(settings, "") == ""
    assert address(settings, "unix:/run/portal.sock", "198.51.100.1", trusted=[PROXY]) == ""
    assert client_ip(None) == ""


def test_both_proxy_settings_at_once_is_a_system_check_warning(settings):
    settings.PORTAL_TRUSTED_PROXIES = [PROXY]
    settings.PORTAL_PROXY_COUNT = 1
    ids = [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
    assert "security.W002" in ids
    settings.PORTAL_PROXY_COUNT = 0
    ids = [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
    assert "security.W002" not in ids
