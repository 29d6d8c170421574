"""Changes to the review rules need two administrators (issue 15, findings 1 and 3): made in the
real admin views by an administrator who is not a superuser, each is a proposal until a second
administrator confirms it; the proposer cannot; the ledger has both names, the before and the
after; a superuser's change applies at once and is in the ledger as break-glass."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowTask

from editorial import exceptions, governance, roles
from editorial.models import ChiefSignOffTask, GovernanceProposal
from ledger.models import LedgerEntry
from tests import factories
from tests.editorial.admin import form_data, messages_of
from tests.editorial.helpers import act, reload, submit


@pytest.fixture
def quantri(db):
    return factories.make_user("quantri", roles.ADMINISTRATORS)


@pytest.fixture
def quantri2(db):
    return factories.make_user("quantri2", roles.ADMINISTRATORS)


def stage_names(workflow):
    return list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order")
        .values_list("task__name", flat=True)
    )


def entries(action):
    return list(LedgerEntry.objects.filter(action=action).order_by("seq"))


def post_form(client, url, change):
    """GET the admin form, change what a person would change, POST it."""
    data = form_data(client.get(url).text)
    data.update(change)
    return client.post(url, data)


def delete_sign_off(client, workflow):
    url = reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
    data = form_data(client.get(url).text)
    sign_off = ChiefSignOffTask.objects.get()
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-task") and value == [str(sign_off.pk)]
    )
    data[f"workflow_tasks-{index}-DELETE"] = ["on"]
    return client.post(url, data)


def decide(client, user, proposal, decision):
    client.force_login(user)
    with translation.override("vi"):
        return client.post(
            reverse("editorial_governance_detail", args=[proposal.pk]),
            {"decision": decision},
            follow=True,
        )


def test_deleting_the_sign_off_stage_is_a_proposal_and_the_rules_stay(
    client, news_section, quantri
):
    workflow = news_section.get_workflow()
    before = stage_names(workflow)
    assert len(before) == 2
    client.force_login(quantri)
    response = delete_sign_off(client, workflow)
    proposal = GovernanceProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("editorial_governance_detail", args=[proposal.pk])
    assert stage_names(workflow) == before
    assert proposal.status == GovernanceProposal.Status.PENDING
    key = f"workflow:{workflow.pk}"
    assert len(proposal.before[key]["tasks"]) == 2
    assert len(proposal.after[key]["tasks"]) == 1
    [entry] = entries(governance.PROPOSE)
    assert entry.actor_username == "quantri"
    assert entry.extra["after"][key]["tasks"] == proposal.after[key]["tasks"]


def test_second_administrator_confirms_it_is_applied_and_in_the_ledger_with_both_names(
    client, news_section, quantri, quantri2, reporter, editor
):
    workflow = news_section.get_workflow()
    client.force_login(quantri)
    delete_sign_off(client, workflow)
    proposal = GovernanceProposal.objects.get()

    response = decide(client, quantri2, proposal, "confirm")
    assert response.status_code == 200
    assert len(stage_names(workflow)) == 1
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("confirmed", quantri2)
    [entry] = entries(governance.CONFIRM)
    assert entry.actor_username == "quantri2"
    assert entry.extra["proposed_by"]["username"] == "quantri"
    assert entry.extra["confirmed_by"]["username"] == "quantri2"
    key = f"workflow:{workflow.pk}"
    assert (len(entry.extra["before"][key]["tasks"]), len(entry.extra["after"][key]["tasks"])) == (
        2,
        1,
    )

    # Confirmed anyway, the one-stage workflow still cannot publish: the policy refuses.
    article = factories.make_article(news_section, "Tin sau khi bỏ bước ký duyệt", live=False)
    article.save_revision(user=reporter)
    submit(article, reporter)
    with pytest.raises(exceptions.ReviewPolicyError):
        act(article, editor, "approve")
    assert not reload(article).live


def test_the_proposer_cannot_confirm_their_own_change(client, news_section, quantri):
    workflow = news_section.get_workflow()
    client.force_login(quantri)
    delete_sign_off(client, workflow)
    proposal = GovernanceProposal.objects.get()
    response = decide(client, quantri, proposal, "confirm")
    proposal.refresh_from_db()
    assert proposal.status == GovernanceProposal.Status.PENDING
    assert len(stage_names(workflow)) == 2
    assert any("quản trị viên thứ hai" in m for m in messages_of(response))
    assert entries(governance.CONFIRM) == []


def test_a_reporter_cannot_confirm_and_the_proposer_may_withdraw(
    client, news_section, quantri, reporter
):
    client.force_login(quantri)
    delete_sign_off(client, news_section.get_workflow())
    proposal = GovernanceProposal.objects.get()
    client.force_login(reporter)
    url = reverse("editorial_governance_detail", args=[proposal.pk])
    assert client.post(url, {"decision": "confirm"}).status_code in (302, 403)
    assert GovernanceProposal.objects.get().status == GovernanceProposal.Status.PENDING
    decide(client, quantri, proposal, "reject")
    proposal.refresh_from_db()
    assert proposal.status == GovernanceProposal.Status.REJECTED
    assert len(stage_names(news_section.get_workflow())) == 2
    [entry] = entries(governance.REJECT)
    assert entry.extra["rejected_by"]["username"] == "quantri"


def test_adding_the_reporters_group_to_the_sign_off_task_is_a_proposal(client, quantri, db):
    task = ChiefSignOffTask.objects.get()
    reporters = Group.objects.get(name=roles.REPORTERS)
    client.force_login(quantri)
    url = reverse("wagtailadmin_workflows:edit_task", args=[task.pk])
    data = form_data(client.get(url).text)
    data["groups"] = [*data.get("groups", []), str(reporters.pk)]
    response = client.post(url, data)
    assert response.status_code == 302
    assert reporters not in task.groups.all()
    proposal = GovernanceProposal.objects.get()
    assert reporters.pk in proposal.after[f"task:{task.pk}"]["groups"]


def test_an_account_change_that_governs_nothing_applies_at_once(client, quantri, editor):
    client.force_login(quantri)
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    response = post_form(client, url, {"email": ["btv.moi@example.gov.vn"]})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.email == "btv.moi@example.gov.vn"
    assert not GovernanceProposal.objects.exists()


def test_disabling_the_sign_off_task_is_a_proposal(client, quantri, quantri2, db):
    """With the permission to disable tasks (finding 2: it had granted itself that), the
    administrator's disabling is still only a proposal."""
    task = ChiefSignOffTask.objects.get()
    Group.objects.get(name=roles.ADMINISTRATORS).permissions.add(
        Permission.objects.get(codename="delete_task")
    )
    client.force_login(quantri)
    response = client.post(reverse("wagtailadmin_workflows:disable_task", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.active
    proposal = GovernanceProposal.objects.get()
    assert proposal.after[f"task:{task.pk}"]["active"] is False
    decide(client, quantri2, proposal, "confirm")
    task.refresh_from_db()
    assert not task.active


def test_adding_oneself_to_the_editor_and_chief_groups_is_a_proposal(client, quantri):
    editors = Group.objects.get(name=roles.EDITORS)
    chiefs = Group.objects.get(name=roles.CHIEF_EDITORS)
    client.force_login(quantri)
    url = reverse("wagtailusers_users:edit", args=[quantri.pk])
    data = form_data(client.get(url).text)
    data["groups"] = [*data.get("groups", []), str(editors.pk), str(chiefs.pk)]
    data.pop("password1", None)
    data.pop("password2", None)
    client.post(url, data)
    assert set(quantri.groups.values_list("name", flat=True)) == {roles.ADMINISTRATORS}
    proposal = GovernanceProposal.objects.get()
    assert set(proposal.after[f"user:{quantri.pk}"]["groups"]) >= {editors.pk, chiefs.pk}


def test_creating_an_account_with_a_staff_role_creates_it_without_the_role(
    client, quantri, quantri2
):
    chiefs = Group.objects.get(name=roles.CHIEF_EDITORS)
    client.force_login(quantri)
    url = reverse("wagtailusers_users:add")
    data = form_data(client.get(url).text)
    data.update(
        {
            "username": ["tb_moi"],
            "email": ["tb_moi@example.gov.vn"],
            "first_name": ["Trưởng"],
            "last_name": ["Ban Mới"],
            "password1": [factories.TEST_PASSWORD],
            "password2": [factories.TEST_PASSWORD],
            "groups": [str(chiefs.pk)],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    account = get_user_model().objects.get(username="tb_moi")
    assert not account.groups.exists()
    assert account.check_password(factories.TEST_PASSWORD)
    proposal = GovernanceProposal.objects.get()
    assert proposal.after[f"user:{account.pk}"]["groups"] == [chiefs.pk]
    decide(client, quantri2, proposal, "confirm")
    assert list(account.groups.values_list("name", flat=True)) == [roles.CHIEF_EDITORS]


def test_group_permission_change_is_a_proposal(client, quantri, news_section):
    group = Group.objects.create(name="Cộng tác viên")
    client.force_login(quantri)
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    data = form_data(client.get(url).text)
    permission = Permission.objects.get(codename="add_helpcontact")
    data["permissions"] = [*data.get("permissions", []), str(permission.pk)]
    response = client.post(url, data)
    assert response.status_code == 302, messages_of(response)
    assert not group.permissions.exists()
    proposal = GovernanceProposal.objects.get()
    assert proposal.after[f"group:{group.pk}"]["permissions"] == [permission.pk]


def test_a_stale_proposal_is_refused(client, news_section, quantri, quantri2):
    workflow = news_section.get_workflow()
    client.force_login(quantri)
    delete_sign_off(client, workflow)
    proposal = GovernanceProposal.objects.get()
    # The workflow changes in the meantime (its stages swap places): what the second
    # administrator would confirm is no longer what was proposed against.
    for position, link in enumerate(
        WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order")
    ):
        WorkflowTask.objects.filter(pk=link.pk).update(sort_order=position)
    response = decide(client, quantri2, proposal, "confirm")
    assert GovernanceProposal.objects.get().status == GovernanceProposal.Status.PENDING
    assert any("đã thay đổi" in m for m in messages_of(response))


def test_a_superusers_change_applies_at_once_and_is_recorded_as_break_glass(client, news_section):
    root = factories.make_user("root", superuser=True)
    workflow = news_section.get_workflow()
    client.force_login(root)
    delete_sign_off(client, workflow)
    assert len(stage_names(workflow)) == 1
    assert not GovernanceProposal.objects.exists()
    [entry] = entries(governance.BREAK_GLASS)
    assert entry.actor_username == "root"
    assert entry.extra["superuser"]["username"] == "root"
    key = f"workflow:{workflow.pk}"
    assert len(entry.extra["before"][key]["tasks"]) == 2
    assert len(entry.extra["after"][key]["tasks"]) == 1


@pytest.mark.parametrize(
    "codename",
    ["add_site", "delete_task", "delete_workflow", "view_reporter_contact", "delete_group"],
)
def test_an_administrator_cannot_grant_superuser_only_permissions(client, quantri, codename):
    """Finding 2: the group editor took every permission; superuser-only ones are refused with
    a Vietnamese message naming them, and nothing is saved or proposed."""
    own = Group.objects.get(name=roles.ADMINISTRATORS)
    before = set(own.permissions.values_list("pk", flat=True))
    permission = Permission.objects.get(codename=codename)
    client.force_login(quantri)
    url = reverse("wagtailusers_groups:edit", args=[own.pk])
    data = form_data(client.get(url).text)
    data["permissions"] = [*data.get("permissions", []), str(permission.pk)]
    with translation.override("vi"):
        response = client.post(url, data, follow=True)
    assert set(own.permissions.values_list("pk", flat=True)) == before
    assert not GovernanceProposal.objects.exists()
    text = " ".join(messages_of(response))
    assert "chỉ siêu quản trị" in text
    assert codename in text


def test_an_administrator_cannot_give_the_reporters_administration_permissions(client, quantri):
    reporters = Group.objects.get(name=roles.REPORTERS)
    permission = Permission.objects.get(codename="change_workflow")
    client.force_login(quantri)
    url = reverse("wagtailusers_groups:edit", args=[reporters.pk])
    data = form_data(client.get(url).text)
    data["permissions"] = [*data.get("permissions", []), str(permission.pk)]
    client.post(url, data)
    assert not reporters.permissions.filter(pk=permission.pk).exists()
    assert not GovernanceProposal.objects.exists()


def test_an_administrator_cannot_make_a_superuser(client, quantri):
    client.force_login(quantri)
    url = reverse("wagtailusers_users:add")
    data = form_data(client.get(url).text)
    data.update(
        {
            "username": ["sieu"],
            "email": ["sieu@example.gov.vn"],
            "first_name": ["S"],
            "last_name": ["S"],
            "password1": [factories.TEST_PASSWORD],
            "password2": [factories.TEST_PASSWORD],
            "is_superuser": ["on"],
        }
    )
    client.post(url, data)
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    # Not even as a proposal: only a superuser makes a superuser (Wagtail's form offers the
    # flag to anyone who may add accounts).
    assert not GovernanceProposal.objects.exists()
