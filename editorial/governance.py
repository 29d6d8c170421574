"""Changes to the review rules need two administrators.

What decides who reviews what is *governed*: the review workflows (their stages in order,
whether they are active, the sections and page types they cover), the tasks (active, the groups
that review them), the groups' permissions (model, section and collection permissions), and each
account's groups and superuser flag. ``governed_state()`` reads all of it as JSON-ready values
keyed ``"workflow:<id>"``, ``"task:<id>"``, ``"group:<id>"``, ``"user:<id>"`` (``None``: the
object does not exist).

``GovernanceMiddleware`` runs every admin POST to Wagtail's workflow, task, group and user views
(and the users' bulk actions) inside a savepoint and compares the governed state before and
after. When an administrator who is not a superuser changed any of it, the savepoint is rolled
back, objects the view created (an account, a group, a task, a workflow) are created again
without what is governed (no groups, no superuser flag, no permissions, no stages), and the
change becomes a ``GovernanceProposal``: the old rules stay in force until a second
administrator confirms it (``confirm``; the proposer cannot). What the administrator may not
grant at all (``rules.grant_failures``: superuser-only permissions, what they do not hold, the
administrators' own permissions to another group, the superuser flag) is refused and nothing is
saved. A change that is not governed (a new e-mail address, a renamed task) goes through at
once, and so does deleting accounts (it grants nothing; ``portal.governance.account_deleted``
records the roles they held). A superuser's change applies at once, as break-glass recovery, and
is recorded as such.

Every step is in the ledger (``ledger.record``): ``portal.governance.propose``, ``confirm`` (both
names, the before and the after), ``reject`` and ``break_glass``.

Wagtail's views are not changed: the interception keys on their public URL names (the namespaces
in ``GOVERNED_NAMESPACES``), so a new governed view of Wagtail's is caught as long as it lives
in one of them; ``tests/editorial/test_governance.py`` exercises each one this module relies on.

Import direction: used by ``editorial.views`` and the settings' middleware list; imports Wagtail's
models, ``editorial.rules`` and ``ledger``.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    AbstractGroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from editorial import exceptions, rules

GOVERNED_NAMESPACES = frozenset(
    {"wagtailadmin_workflows", "wagtailusers_groups", "wagtailusers_users"}
)
GOVERNED_BULK_APPS = frozenset({"wagtailusers", "auth"})

PROPOSE = "portal.governance.propose"
CONFIRM = "portal.governance.confirm"
REJECT = "portal.governance.reject"
BREAK_GLASS = "portal.governance.break_glass"
ACCOUNT_DELETED = "portal.governance.account_deleted"

# Applied in this order: groups exist before tasks name them, tasks before workflows list them.
KIND_ORDER = {"group": 0, "task": 1, "workflow": 2, "user": 3}


# --- The governed state ------------------------------------------------------------------------


def _group_task_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AbstractGroupApprovalTask) and not model._meta.abstract
    ]


def governed_state():
    """Everything that decides who reviews what, as JSON-ready values (a dozen queries)."""
    state = {}
    workflows = {
        pk: {"active": active, "tasks": [], "pages": [], "content_types": []}
        for pk, active in Workflow.objects.values_list("pk", "active")
    }
    for workflow_id, task_id in WorkflowTask.objects.order_by(
        "workflow_id", "sort_order", "pk"
    ).values_list("workflow_id", "task_id"):
        workflows[workflow_id]["tasks"].append(task_id)
    for workflow_id, page_id in WorkflowPage.objects.values_list("workflow_id", "page_id"):
        workflows[workflow_id]["pages"].append(page_id)
    for workflow_id, ct_id in WorkflowContentType.objects.values_list(
        "workflow_id", "content_type_id"
    ):
        workflows[workflow_id]["content_types"].append(ct_id)
    for pk, value in workflows.items():
        value["pages"].sort()
        value["content_types"].sort()
        state[f"workflow:{pk}"] = value

    tasks = {
        pk: {"active": active, "groups": []}
        for pk, active in Task.objects.values_list("pk", "active")
    }
    for model in _group_task_models():
        field = model._meta.get_field("groups")
        through = field.remote_field.through
        for task_id, group_id in through.objects.values_list(
            field.m2m_field_name(), field.m2m_reverse_field_name()
        ):
            if task_id in tasks:
                tasks[task_id]["groups"].append(group_id)
    for pk, value in tasks.items():
        value["groups"].sort()
        state[f"task:{pk}"] = value

    groups = {
        pk: {"permissions": [], "page_permissions": [], "collection_permissions": []}
        for pk in Group.objects.values_list("pk", flat=True)
    }
    for group_id, permission_id in Group.permissions.through.objects.values_list(
        "group_id", "permission_id"
    ):
        groups[group_id]["permissions"].append(permission_id)
    for group_id, page_id, permission_id in GroupPagePermission.objects.values_list(
        "group_id", "page_id", "permission_id"
    ):
        groups[group_id]["page_permissions"].append([page_id, permission_id])
    for group_id, collection_id, permission_id in GroupCollectionPermission.objects.values_list(
        "group_id", "collection_id", "permission_id"
    ):
        groups[group_id]["collection_permissions"].append([collection_id, permission_id])
    for pk, value in groups.items():
        for items in value.values():
            items.sort()
        state[f"group:{pk}"] = value

    User = get_user_model()
    users = {
        pk: {"is_superuser": is_superuser, "groups": []}
        for pk, is_superuser in User.objects.values_list("pk", "is_superuser")
    }
    for user_id, group_id in User.groups.through.objects.values_list("user_id", "group_id"):
        users[user_id]["groups"].append(group_id)
    for pk, value in users.items():
        value["groups"].sort()
        state[f"user:{pk}"] = value
    return state


def changes(before, after):
    """The keys whose governed state differs, with their before and after values."""
    keys = sorted(
        (k for k in before.keys() | after.keys() if before.get(k) != after.get(k)),
        key=_key_order,
    )
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _key_order(key):
    kind, pk = key.split(":")
    return (KIND_ORDER[kind], int(pk))


def names(*states):
    """Readable names of what ``states`` mention, for people and the ledger (a few queries)."""
    ids = {"workflow": set(), "task": set(), "group": set(), "user": set(), "permission": set()}
    for state in states:
        for key, value in state.items():
            kind, pk = key.split(":")
            ids[kind].add(int(pk))
            if not value:
                continue
            ids["task"].update(value.get("tasks", ()))
            ids["group"].update(value.get("groups", ()))
            ids["permission"].update(value.get("permissions", ()))
            ids["permission"].update(p for _page, p in value.get("page_permissions", ()))
    found = {}
    for pk, name in Workflow.objects.filter(pk__in=ids["workflow"]).values_list("pk", "name"):
        found[f"workflow:{pk}"] = name
    for pk, name in Task.objects.filter(pk__in=ids["task"]).values_list("pk", "name"):
        found[f"task:{pk}"] = name
    for pk, name in Group.objects.filter(pk__in=ids["group"]).values_list("pk", "name"):
        found[f"group:{pk}"] = name
    User = get_user_model()
    for pk, username in User.objects.filter(pk__in=ids["user"]).values_list(
        "pk", User.USERNAME_FIELD
    ):
        found[f"user:{pk}"] = username
    for pk, app_label, codename in Permission.objects.filter(pk__in=ids["permission"]).values_list(
        "pk", "content_type__app_label", "codename"
    ):
        found[f"permission:{pk}"] = f"{app_label}.{codename}"
    return found


def summarise(before, after, labels):
    lines = []
    for key, value in after.items():
        label = labels.get(key, key)
        if before.get(key) is None:
            lines.append(_("New: %(label)s") % {"label": label})
        elif value is None:
            lines.append(_("Deleted: %(label)s") % {"label": label})
        else:
            fields = sorted(f for f in value if value[f] != before[key].get(f))
            lines.append(f"{label}: {', '.join(fields)}")
    return "\n".join(lines)


# --- Applying a governed state -----------------------------------------------------------------


def _set_rows(queryset, wanted, key, create):
    """Make ``queryset``'s rows (identified by ``key(row)``) exactly ``wanted``: deletes one by
    one and creates with ``save`` so that the ledger's capture sees each change."""
    present = {}
    for row in queryset:
        present[key(row)] = row
    for ident, row in present.items():
        if ident not in wanted:
            row.delete()
    for ident in wanted:
        if ident not in present:
            create(ident)


def _apply_workflow(pk, value, user):
    workflow = Workflow.objects.get(pk=pk)
    if value["active"] != workflow.active:
        if value["active"]:
            workflow.active = True
            workflow.save(update_fields=["active"])
        else:
            workflow.deactivate(user=user)
    current = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order", "pk")
        .values_list("task_id", flat=True)
    )
    if current != value["tasks"]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for position, task_id in enumerate(value["tasks"]):
            WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=position)
    wanted_pages = set(value["pages"])
    for assignment in WorkflowPage.objects.filter(workflow=workflow):
        if assignment.page_id not in wanted_pages:
            assignment.delete()
    for page_id in wanted_pages:
        WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})
    wanted_types = set(value["content_types"])
    WorkflowContentType.objects.filter(workflow=workflow).exclude(
        content_type_id__in=wanted_types
    ).delete()
    for ct_id in wanted_types:
        WorkflowContentType.objects.update_or_create(
            content_type_id=ct_id, defaults={"workflow": workflow}
        )


def _apply_task(pk, value, user):
    task = Task.objects.get(pk=pk).specific
    if hasattr(task, "groups"):
        task.groups.set(value["groups"])
    if value["active"] != task.active:
        if value["active"]:
            task.active = True
            task.save(update_fields=["active"])
        else:
            task.deactivate(user=user)


def _apply_group(pk, value, user):
    group = Group.objects.get(pk=pk)
    group.permissions.set(value["permissions"])
    _set_rows(
        GroupPagePermission.objects.filter(group=group),
        {tuple(pair) for pair in value["page_permissions"]},
        lambda row: (row.page_id, row.permission_id),
        lambda ident: GroupPagePermission.objects.create(
            group=group, page_id=ident[0], permission_id=ident[1]
        ),
    )
    _set_rows(
        GroupCollectionPermission.objects.filter(group=group),
        {tuple(pair) for pair in value["collection_permissions"]},
        lambda row: (row.collection_id, row.permission_id),
        lambda ident: GroupCollectionPermission.objects.create(
            group=group, collection_id=ident[0], permission_id=ident[1]
        ),
    )


def _apply_user(pk, value, user):
    account = get_user_model().objects.get(pk=pk)
    account.groups.set(value["groups"])
    if account.is_superuser != value["is_superuser"]:
        account.is_superuser = value["is_superuser"]
        account.save(update_fields=["is_superuser"])


APPLY = {
    "workflow": _apply_workflow,
    "task": _apply_task,
    "group": _apply_group,
    "user": _apply_user,
}


def _delete(kind, pk):
    model = {"workflow": Workflow, "task": Task, "group": Group, "user": get_user_model()}[kind]
    for obj in model.objects.filter(pk=pk):
        obj.delete()


def apply_state(after, user):
    for key in sorted(after, key=_key_order):
        kind, pk = key.split(":")
        if after[key] is None:
            _delete(kind, int(pk))
        else:
            APPLY[kind](int(pk), after[key], user)


# --- Objects a proposed view created -----------------------------------------------------------


def _created_rows(before, after):
    """The rows of objects the view created (``before`` is None), to create again after the
    rollback without what is governed."""
    rows = []
    for key in sorted(after, key=_key_order):
        if before.get(key) is not None or after[key] is None:
            continue
        kind, pk = key.split(":")
        if kind == "task":
            model = Task.objects.get(pk=pk).specific_class
        else:
            model = {"workflow": Workflow, "group": Group, "user": get_user_model()}[kind]
        values = model._default_manager.filter(pk=pk).values().first()
        if values is not None:
            rows.append((model, values))
    return rows


def _create_again(rows):
    for model, values in rows:
        values = dict(values)
        if "is_superuser" in values:
            values["is_superuser"] = False  # governed: part of the proposal
        model(**values).save()


# --- The ledger --------------------------------------------------------------------------------


def person(user):
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username(), "full_name": user.get_full_name()}


def _record(action, actor, proposal=None, **extra):
    from ledger import record

    record(action, actor=actor, obj=proposal, extra=extra)


# --- Proposals ---------------------------------------------------------------------------------


def propose(user, before, after, source=""):
    from editorial.models import GovernanceProposal

    labels = names(before, after)
    proposal = GovernanceProposal.objects.create(
        proposed_by=user,
        source=source[:255],
        summary=summarise(before, after, labels),
        before=before,
        after=after,
    )
    _record(
        PROPOSE,
        user,
        proposal,
        proposal_id=proposal.pk,
        proposed_by=person(user),
        before=before,
        after=after,
        names=labels,
    )
    return proposal


@transaction.atomic
def confirm(proposal, user):
    """Apply ``proposal`` as confirmed by ``user`` (a second administrator), or raise the
    refusal (``rules.confirm_proposal_failures``; a stale proposal: the governed state changed
    since it was made)."""
    from editorial.models import GovernanceProposal

    proposal = GovernanceProposal.objects.select_for_update().get(pk=proposal.pk)
    failures = rules.confirm_proposal_failures(proposal, user)
    if failures:
        raise failures[0]
    current = governed_state()
    if any(current.get(key) != value for key, value in proposal.before.items()):
        raise exceptions.StaleProposalError()
    apply_state(proposal.after, user)
    proposal.status = GovernanceProposal.Status.CONFIRMED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    _record(
        CONFIRM,
        user,
        proposal,
        proposal_id=proposal.pk,
        proposed_by=person(proposal.proposed_by),
        confirmed_by=person(user),
        before=proposal.before,
        after=proposal.after,
        names=names(proposal.before, proposal.after),
    )
    return proposal


@transaction.atomic
def reject(proposal, user):
    from editorial.models import GovernanceProposal

    proposal = GovernanceProposal.objects.select_for_update().get(pk=proposal.pk)
    failures = rules.reject_proposal_failures(proposal, user)
    if failures:
        raise failures[0]
    proposal.status = GovernanceProposal.Status.REJECTED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    _record(
        REJECT,
        user,
        proposal,
        proposal_id=proposal.pk,
        proposed_by=person(proposal.proposed_by),
        rejected_by=person(user),
        before=proposal.before,
        after=proposal.after,
    )
    return proposal


def grant_failures(user, before, after):
    """Refusals of what ``user`` grants in this change (``rules.grant_failures`` for each group's
    added model permissions; making a superuser)."""
    if user.is_superuser:
        return []
    failures = []
    for key, value in after.items():
        kind, pk = key.split(":")
        old = before.get(key) or {}
        if value is None:
            continue
        if kind == "user" and value["is_superuser"] and not old.get("is_superuser"):
            failures.append(exceptions.SuperuserGrantError())
        if kind != "group":
            continue
        added = set(value["permissions"]) - set(old.get("permissions", ()))
        if not added:
            continue
        labels = [
            f"{app_label}.{codename}"
            for app_label, codename in Permission.objects.filter(pk__in=added).values_list(
                "content_type__app_label", "codename"
            )
        ]
        group_name = Group.objects.filter(pk=pk).values_list("name", flat=True).first() or ""
        failures.extend(rules.grant_failures(user, group_name, labels))
    return failures


# --- The interception --------------------------------------------------------------------------


def is_governed_request(request):
    if request.method != "POST":
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if GOVERNED_NAMESPACES & set(match.namespaces):
        return True
    return (
        match.url_name == "wagtail_bulk_action"
        and match.kwargs.get("app_label") in GOVERNED_BULK_APPS
    )


class GovernanceMiddleware:
    """Turns a governed change made in the admin into a proposal (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_governed_request(request):
            return self.get_response(request)
        with transaction.atomic():
            before = governed_state()
            savepoint = transaction.savepoint_create()
            response = self.get_response(request)
            try:
                after = governed_state()
            except DatabaseError:
                transaction.savepoint_rollback(savepoint)
                return response
            old, new = changes(before, after)
            if not new:
                transaction.savepoint_commit(savepoint)
                return response
            if all(key.startswith("user:") and new[key] is None for key in new):
                # Deleting accounts grants nothing to anyone: it applies at once, recorded
                # with the roles the accounts held.
                transaction.savepoint_commit(savepoint)
                _record(
                    ACCOUNT_DELETED,
                    user,
                    deleted_by=person(user),
                    source=request.path[:255],
                    before=old,
                    names=names(old),
                )
                return response
            refusal = next(iter(grant_failures(user, old, new)), None)
            if refusal is not None:
                transaction.savepoint_rollback(savepoint)
                for _message in messages.get_messages(request):
                    pass  # the view's "saved" message is not true: nothing was saved
                messages.error(request, str(refusal))
                return redirect(request.get_full_path())
            if user.is_superuser:
                transaction.savepoint_commit(savepoint)
                _record(
                    BREAK_GLASS,
                    user,
                    superuser=person(user),
                    source=request.path[:255],
                    before=old,
                    after=new,
                    names=names(old, new),
                )
                return response
            created = _created_rows(old, new)
            transaction.savepoint_rollback(savepoint)
            _create_again(created)
            # What is in force now, for the objects the change touches (the objects created
            # again exist without what is governed).
            now = governed_state()
            old = {key: now.get(key) for key in new}
            new = {key: value for key, value in new.items() if value != old[key]}
            if not new:  # only the creation of objects without anything governed
                return response
            old = {key: old[key] for key in new}
            proposal = propose(user, old, new, source=request.path)
        for _message in messages.get_messages(request):
            pass  # the view's "saved" message is not true: the change waits
        messages.warning(
            request,
            _(
                "Not applied yet: this change to the review rules, groups or accounts is "
                "proposal no. %(number)s and takes effect when a second administrator confirms "
                "it. Until then the current rules stay in force."
            )
            % {"number": proposal.pk},
        )
        return redirect(reverse("editorial_governance_detail", args=[proposal.pk]))


# --- A name edited by its owner ----------------------------------------------------------------

SELF_RENAME = "portal.account.self_rename"


class AccountNameMiddleware:
    """The name the ledger copies and readers see ("approved by") is the one an administrator
    confirmed in the user editor: a member of staff who changes their own name on
    ``/admin/account/`` keeps the old one, and the attempt is recorded
    (``portal.account.self_rename``, with both names) for an administrator to confirm by
    editing the account. Superusers' own edits apply (break-glass), recorded alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method != "POST"
            or user is None
            or not user.is_authenticated
            or not self._is_account_view(request)
        ):
            return self.get_response(request)
        User = get_user_model()
        before = User.objects.filter(pk=user.pk).values("first_name", "last_name").first()
        response = self.get_response(request)
        after = User.objects.filter(pk=user.pk).values("first_name", "last_name").first()
        if before is None or after is None or before == after:
            return response
        if not user.is_superuser:
            User.objects.filter(pk=user.pk).update(**before)
            messages.warning(
                request,
                _(
                    "Your name was not changed: the name shown in the approval ledger and to "
                    "readers is the one an administrator confirms. Your request is recorded; "
                    "ask an administrator to change it in your account."
                ),
            )
        _record(
            SELF_RENAME,
            user,
            account=person(user),
            requested={"first_name": after["first_name"], "last_name": after["last_name"]},
            kept={"first_name": before["first_name"], "last_name": before["last_name"]},
            applied=user.is_superuser,
        )
        return response

    @staticmethod
    def _is_account_view(request):
        try:
            return resolve(request.path_info).url_name == "wagtailadmin_account"
        except Resolver404:
            return False
