"""Turns what Wagtail already records into ledger entries (connected in ``LedgerConfig.ready``).

- Every ``PageLogEntry`` / ``ModelLogEntry`` whose action is editorial (``actions.is_editorial``)
  becomes exactly one entry; ``stage``, ``comment``, ``content_sha256`` and ``revision_id`` come
  from the log entry's ``data`` when present.
- Group membership, section (page) permissions and workflow assignments become
  ``portal.access.*`` entries.
- When an article goes live, the approval behind it is written onto the page
  (``approved_at``, ``approved_by_role``, ``approved_by_name``) for public accountability.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_save, pre_delete
from wagtail.models import GroupPagePermission, ModelLogEntry, Page, PageLogEntry, WorkflowPage

from ledger import actions, record
from ledger.context import current_request, request_user


def _stage(data):
    workflow = data.get("workflow") or {}
    stage = data.get("stage")
    if isinstance(stage, dict):  # the review workflow logs {"id": ..., "title": ...}
        return stage.get("title", "")
    if stage:
        return stage
    task = workflow.get("task") or workflow.get("next") or {}
    return task.get("title", "") if isinstance(task, dict) else ""


def _content_hash(data):
    # The review workflow logs the pinned hash as "content_hash".
    return data.get("content_sha256") or data.get("content_hash")


def _log_actor(log_entry):
    if log_entry.user_id is None:
        return None
    # Wagtail's log() is handed the user object: no query when it is still attached.
    field = type(log_entry)._meta.get_field("user")
    if field.is_cached(log_entry):
        return log_entry.user
    return get_user_model().objects.filter(pk=log_entry.user_id).first()


def _scheduled_approver(page_id, revision_id):
    """Who approved a revision that went live on schedule, from earlier ledger entries."""
    from ledger.models import LedgerEntry

    entry = (
        LedgerEntry.objects.filter(
            page_id=page_id,
            revision_id=revision_id,
            action__in=actions.APPROVAL_ACTIONS | {"wagtail.publish.schedule"},
        )
        .order_by("-seq")
        .first()
    )
    if entry is None:
        return None
    return {
        "seq": entry.seq,
        "id": entry.actor_id,
        "username": entry.actor_username,
        "full_name": entry.actor_full_name,
        "roles": entry.actor_roles,
        "title": entry.actor_title,
    }


def _extra(log_entry, data):
    extra = {"log_uuid": str(log_entry.uuid) if log_entry.uuid else ""}
    details = {
        k: v
        for k, v in data.items()
        if k not in ("comment", "stage", "content_sha256", "content_hash")
    }
    if details:
        extra["log_data"] = details
    return extra


def on_page_log_entry(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not actions.is_editorial(instance.action):
        return
    data = instance.data or {}
    page = instance.page
    revision = instance.revision if instance.revision_id else None
    if revision is None and data.get("revision_id"):
        revision = data["revision_id"]
    if instance.action == "wagtail.workflow.resume":
        # Wagtail logs the revision that was sent back; what is resubmitted is the latest one.
        revision = page.get_latest_revision() or revision
    extra = _extra(instance, data)
    actor = _log_actor(instance)
    if instance.action in actions.PUBLISH_ACTIONS and actor is None and instance.revision_id:
        approver = _scheduled_approver(page.pk, instance.revision_id)
        if approver:
            extra["approved_by"] = approver
    entry = record(
        instance.action,
        actor=actor,
        page=page,
        revision=revision,
        content_sha256=_content_hash(data),
        stage=_stage(data),
        comment=data.get("comment", ""),
        extra=extra,
        source_log=f"page:{instance.pk}",
    )
    if instance.action in actions.PUBLISH_ACTIONS:
        write_public_approval(page, entry)


def on_model_log_entry(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not instance.action.startswith("portal."):
        return
    data = instance.data or {}
    page = None
    if data.get("page_id"):
        page = Page.objects.filter(pk=data["page_id"]).specific().first()
    revision = data.get("revision_id")

    record(
        instance.action,
        actor=_log_actor(instance),
        page=page,
        revision=revision,
        content_sha256=_content_hash(data),
        stage=_stage(data),
        comment=data.get("comment", ""),
        object_ref=(
            f"{instance.content_type.app_label}.{instance.content_type.model}"
            if instance.content_type_id
            else "",
            instance.object_id,
            instance.label,
        ),
        extra=_extra(instance, data),
        source_log=f"model:{instance.pk}",
    )


def write_public_approval(page, publish_entry):
    """Copy the approval behind a publication onto the article (cms never reads the ledger)."""
    from cms.models import ArticlePage
    from ledger.models import LedgerEntry

    if page is None or not issubclass(page.specific_class or type(page), ArticlePage):
        return
    # The latest approval between the previous publication of the page and this one.
    previous_publish = (
        LedgerEntry.objects.filter(
            page_id=page.pk, action__in=actions.PUBLISH_ACTIONS, seq__lt=publish_entry.seq
        )
        .order_by("-seq")
        .values("seq")[:1]
    )
    approval = (
        LedgerEntry.objects.filter(
            page_id=page.pk,
            action__in=actions.APPROVAL_ACTIONS,
            seq__gt=Coalesce(Subquery(previous_publish), Value(0)),
            seq__lt=publish_entry.seq,
        )
        .order_by("-seq")
        .first()
    )
    if approval is not None:
        role, name = approval.actor_title or approval.actor_roles, approval.actor_display
    elif publish_entry.extra.get("approved_by"):
        approver = publish_entry.extra["approved_by"]
        role = approver["title"] or approver["roles"]
        name = approver["full_name"] or approver["username"]
    else:
        role, name = (
            publish_entry.actor_title or publish_entry.actor_roles,
            (publish_entry.actor_display),
        )
    values = {
        "approved_at": publish_entry.created_at,
        "approved_by_role": role[:255],
        "approved_by_name": name[:255],
    }
    ArticlePage.objects.filter(pk=page.pk).update(**values)
    if isinstance(page, ArticlePage):
        for field, value in values.items():
            setattr(page, field, value)


# --- Who may review what ---------------------------------------------------------------------


def _acting_user():
    return request_user(current_request())


def _user_facts(user):
    return {"id": user.pk, "username": user.get_username(), "full_name": user.get_full_name()}


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        related = instance.user_set if reverse else instance.groups
        instance._ledger_cleared_pks = set(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_ledger_cleared_pks", set())
    ledger_action = actions.MEMBER_ADD if action == "post_add" else actions.MEMBER_REMOVE
    actor = _acting_user()
    User = get_user_model()
    if reverse:  # group.user_set.add(...)
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set or ())]
    else:  # user.groups.add(...)
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set or ())]
    for user, group in sorted(pairs, key=lambda pair: (pair[0].pk, pair[1].pk)):
        record(ledger_action, actor=actor, obj=group, extra={"member": _user_facts(user)})


def _permission_extra(instance):
    group = Group.objects.filter(pk=instance.group_id).first()
    return {
        "group": {"id": instance.group_id, "name": group.name if group else ""},
        "permission": instance.permission.codename,
    }


def on_page_permission_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    record(
        actions.PERMISSION_ADD,
        actor=_acting_user(),
        page=Page.objects.filter(pk=instance.page_id).first(),
        obj=instance,
        extra=_permission_extra(instance),
    )


def on_page_permission_deleted(sender, instance, **kwargs):
    record(
        actions.PERMISSION_REMOVE,
        actor=_acting_user(),
        page=Page.objects.filter(pk=instance.page_id).first(),
        obj=instance,
        extra={**_permission_extra(instance), "page_id": instance.page_id},
    )


class PagePermissionChanges:
    """Records the section permissions the admin's group editor grants.

    Wagtail's group editor saves page permissions with ``bulk_create``, which sends no
    ``post_save``: without this, a grant made the usual way would leave no ledger entry
    (revocations are queryset deletes, which do send ``pre_delete``). Registered as a group
    permission panel (``register_group_permission_panel``), it renders nothing, remembers the
    group's page permissions when the form is built and, saved after Wagtail's own page
    permission formset, records each one added since.
    """

    def __init__(self, data=None, files=None, instance=None, **kwargs):
        self.instance = instance
        self.before = self._current()

    def _current(self):
        if self.instance is None or self.instance.pk is None:
            return set()
        return set(
            GroupPagePermission.objects.filter(group=self.instance).values_list("pk", flat=True)
        )

    def is_valid(self):
        return True

    @property
    def media(self):
        from django import forms

        return forms.Media()

    def as_admin_panel(self):
        return ""

    def save(self):
        added = (
            GroupPagePermission.objects.filter(group=self.instance)
            .exclude(pk__in=self.before)
            .select_related("permission", "page")
            .order_by("pk")
        )
        for permission in added:
            on_page_permission_saved(GroupPagePermission, permission, created=True)
        self.before = self._current()


def _workflow_extra(instance):
    return {"workflow": {"id": instance.workflow_id, "name": instance.workflow.name}}


def on_workflow_page_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    record(
        actions.WORKFLOW_ASSIGN,
        actor=_acting_user(),
        page=Page.objects.filter(pk=instance.page_id).first(),
        obj=instance.workflow,
        extra=_workflow_extra(instance),
    )


def on_workflow_page_deleted(sender, instance, **kwargs):
    record(
        actions.WORKFLOW_UNASSIGN,
        actor=_acting_user(),
        page=Page.objects.filter(pk=instance.page_id).first(),
        obj=instance.workflow,
        extra={**_workflow_extra(instance), "page_id": instance.page_id},
    )


def connect():
    uid = "ledger"
    post_save.connect(on_page_log_entry, sender=PageLogEntry, dispatch_uid=f"{uid}.page_log")
    post_save.connect(on_model_log_entry, sender=ModelLogEntry, dispatch_uid=f"{uid}.model_log")
    m2m_changed.connect(
        on_groups_changed, sender=get_user_model().groups.through, dispatch_uid=f"{uid}.groups"
    )
    post_save.connect(
        on_page_permission_saved, sender=GroupPagePermission, dispatch_uid=f"{uid}.perm_save"
    )
    # pre_delete: the page and group still exist when a cascade removes the permission.
    pre_delete.connect(
        on_page_permission_deleted, sender=GroupPagePermission, dispatch_uid=f"{uid}.perm_del"
    )
    post_save.connect(on_workflow_page_saved, sender=WorkflowPage, dispatch_uid=f"{uid}.wf_save")
    pre_delete.connect(
        on_workflow_page_deleted, sender=WorkflowPage, dispatch_uid=f"{uid}.wf_delete"
    )
