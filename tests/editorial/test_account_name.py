"""The name the ledger and readers see is the one an administrator confirmed (issue 15,
finding 5): a chief editor who renames themself on /admin/account/ keeps the confirmed name in
the ledger and in the public "approved by"; the attempt is recorded; an administrator's change
in the user editor applies."""

from django.urls import reverse
from django.utils import translation

from ledger.models import LedgerEntry
from tests import factories
from tests.editorial.admin import form_data, messages_of
from tests.editorial.helpers import act, reload, submit


def rename_self(client, user, first_name):
    client.force_login(user)
    url = reverse("wagtailadmin_account")
    data = form_data(client.get(url).text)
    key = next(k for k in data if k.endswith("first_name"))
    data[key] = [first_name]
    with translation.override("vi"):
        return client.post(url, data, follow=True)


def test_a_self_rename_is_recorded_and_not_copied_into_the_ledger_or_the_public_page(
    client, draft, reporter, editor, chief
):
    confirmed = chief.get_full_name()
    response = rename_self(client, chief, "Giám đốc")
    assert response.status_code == 200
    chief.refresh_from_db()
    assert chief.get_full_name() == confirmed
    assert any("quản trị viên" in m for m in messages_of(response))
    [entry] = LedgerEntry.objects.filter(action="portal.account.self_rename")
    assert entry.extra["requested"]["first_name"] == "Giám đốc"
    assert entry.actor_username == chief.username

    submit(draft, reporter)
    act(draft, editor, "approve")
    act(draft, chief, "approve")
    article = reload(draft)
    assert article.live
    assert "Giám đốc" not in article.approved_by_name
    sign_off = LedgerEntry.objects.get(page_id=draft.pk, action="portal.review.sign_off")
    assert sign_off.actor_full_name == confirmed


def test_an_administrator_changes_the_name_in_the_user_editor(client, chief):
    admin = factories.make_user("quantri", "Quản trị")
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[chief.pk])
    data = form_data(client.get(url).text)
    data["first_name"] = ["Giám đốc"]
    assert client.post(url, data).status_code == 302
    chief.refresh_from_db()
    assert chief.first_name == "Giám đốc"
