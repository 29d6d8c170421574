"""Freshly empowered approvers are visible (issue 15, finding 3): an administrator who writes an
article has two accounts created and given the review roles, and they approve it. The approval
trail, the ledger report and the periodic report flag those approvals; an approver of long
standing, empowered by someone else, is not flagged."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from editorial import roles
from editorial.models import GovernanceProposal
from ledger import freshness
from ledger.models import LedgerEntry
from tests import factories
from tests.editorial.admin import form_data
from tests.editorial.helpers import act, reload, submit

FLAG_TEXT = "Người duyệt vừa được trao quyền"


def create_account_in_the_admin(client, username, role):
    """As the administrator does it: the user editor (a proposal), then a second administrator
    confirms it."""
    url = reverse("wagtailusers_users:add")
    data = form_data(client.get(url).text)
    data.update(
        {
            "username": [username],
            "email": [f"{username}@example.gov.vn"],
            "first_name": [username],
            "last_name": ["Mới"],
            "password1": [factories.TEST_PASSWORD],
            "password2": [factories.TEST_PASSWORD],
            "groups": [str(Group.objects.get(name=role).pk)],
        }
    )
    assert client.post(url, data).status_code == 302
    return get_user_model().objects.get(username=username)


@pytest.fixture
def sock_puppet_review(client, news_section, staff):
    """quantri writes and submits an article; a sock puppet it created approves the editor
    stage; the existing chief editor signs off."""
    _reporter, _editor, chief = staff
    quantri = factories.make_user("quantri", roles.ADMINISTRATORS)
    quantri2 = factories.make_user("quantri2", roles.ADMINISTRATORS)
    client.force_login(quantri)
    puppet = create_account_in_the_admin(client, "btv_moi", roles.EDITORS)
    proposal = GovernanceProposal.objects.get()
    client.force_login(quantri2)
    client.post(reverse("editorial_governance_detail", args=[proposal.pk]), {"decision": "confirm"})
    assert puppet.groups.filter(name=roles.EDITORS).exists()
    article = factories.make_article(news_section, "Bài của quản trị", live=False)
    article.save_revision(user=quantri)
    submit(article, quantri)
    act(article, puppet, "approve")
    act(article, chief, "approve")
    assert reload(article).live
    return article, puppet, chief


def approvals(article):
    return list(
        LedgerEntry.objects.filter(page_id=article.pk, action__startswith="portal.review.")
        .filter(action__in=["portal.review.approve", "portal.review.sign_off"])
        .order_by("seq")
    )


def test_approval_by_an_account_the_author_had_created_is_flagged(sock_puppet_review, settings):
    article, puppet, chief = sock_puppet_review
    settings.EDITORIAL_FRESH_APPROVER_DAYS = 0  # only the author's doing counts
    editor_entry, sign_off_entry = approvals(article)
    flags = freshness.approver_flags([editor_entry, sign_off_entry])
    assert flags == {editor_entry.seq: [freshness.BY_AUTHOR]}


def test_new_accounts_and_new_roles_are_flagged_within_the_window(sock_puppet_review, settings):
    article, puppet, chief = sock_puppet_review
    settings.EDITORIAL_FRESH_APPROVER_DAYS = 7
    editor_entry, sign_off_entry = approvals(article)
    flags = freshness.approver_flags([editor_entry, sign_off_entry])
    assert set(flags[editor_entry.seq]) == {
        freshness.NEW_ACCOUNT,
        freshness.NEW_ROLE,
        freshness.BY_AUTHOR,
    }
    # The chief editor's account is new in this test too, but nobody who wrote the article
    # made it.
    assert freshness.BY_AUTHOR not in flags[sign_off_entry.seq]
    # An account of long standing is not flagged as new.
    get_user_model().objects.filter(pk=chief.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=30)
    )
    assert freshness.NEW_ACCOUNT not in freshness.approver_flags([sign_off_entry]).get(
        sign_off_entry.seq, []
    )


def test_the_trail_the_ledger_report_and_the_periodic_report_show_the_flag(
    client, sock_puppet_review, auditor
):
    article, puppet, _chief = sock_puppet_review
    client.force_login(auditor)
    with translation.override("vi"):
        trail = client.get(reverse("editorial_ledger:trail", args=[article.pk])).text
        report = client.get(reverse("editorial_ledger:report")).text
        today = timezone.localdate().isoformat()
        periodic = client.get(
            reverse("editorial_ledger:periodic"), {"date_from": today, "date_to": today}
        ).text
    for text in (trail, report, periodic):
        assert FLAG_TEXT in text or "ledger-fresh-approvals" in text
        assert "tác giả bài" in text
