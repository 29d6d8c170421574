"""Review stages as Wagtail tasks, and the records that pin what each reviewer approved.

- ``ReviewTask``: a stage reviewed by members of its groups, with three actions: approve
  (optional comment), request changes (comment required) and reject. The task only routes
  each to its ``editorial.actions`` action; the rules live in ``editorial.rules``.
- ``PinnedTaskState``: a task state that remembers the content hash it was started on.
- ``ReviewApproval``: one approval: who, which stage, which revision, which content hash.
- ``PublicationClearance``: content that completed every stage; the publish guard lets a
  page go live (or change while live) only with a valid clearance of exactly that content.
- ``Takedown``: an immediate unpublication with its mandatory reason.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class PinnedTaskState(TaskState):
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("pinned task state")
        verbose_name_plural = _("pinned task states")


class ReviewTask(AbstractGroupApprovalTask):
    """A review stage. Concrete stages: ``EditorReviewTask``, ``ChiefSignOffTask``."""

    task_state_class = PinnedTaskState

    def start(self, workflow_state, user=None):
        from editorial.actions.stages import start_stage

        return start_stage(self, workflow_state, user=user)

    def start_pinned(self, workflow_state, content_hash, user=None):
        """Wagtail's own start (lock handling, task state creation), then the pin."""
        task_state = super().start(workflow_state, user=user)
        task_state.content_hash = content_hash
        task_state.save(update_fields=["content_hash"])
        return task_state

    def get_actions(self, obj, user):
        # Approving always goes through its dialog: it lists the content checks' findings of
        # the version being approved and collects the acknowledgement of each warning.
        if self.user_is_reviewer(user):
            return [
                ("approve", _("Approve"), True),
                ("request_changes", _("Request changes"), True),
                ("reject", _("Reject"), True),
            ]
        return []

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(user)

    def locked_for_user(self, obj, user):
        return not self.user_is_reviewer(user)

    def user_can_lock(self, obj, user):
        from editorial.rules import in_stage_groups

        return in_stage_groups(self, user)

    def get_form_for_action(self, action):
        if action == "approve":
            from editorial.forms import ApproveForm

            return ApproveForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "editorial/admin/approve_modal.html"
        return super().get_template_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Each review action of Wagtail's workflow dialogs is an ``editorial.actions`` action.

        ``approve`` takes ``comment`` and ``acknowledged_warnings`` (``Finding.key`` values,
        ``Finding`` objects or ``(code, passage)`` pairs; see ``ApproveStage``).
        """
        from editorial import actions

        comment = kwargs.get("comment", "") or ""
        if action_name == "approve":
            action = actions.ApproveStage(
                task_state,
                user,
                comment=comment,
                acknowledged_warnings=kwargs.get("acknowledged_warnings") or (),
            )
        elif action_name == "request_changes":
            action = actions.RequestChanges(task_state, user, comment=comment)
        elif action_name == "reject":
            action = actions.Reject(task_state, user, comment=comment)
        else:
            return super().on_action(task_state, user, action_name, **kwargs)
        action.execute()
        return None  # Wagtail's workflow views take a returned value as the redirect URL

    def user_is_reviewer(self, user):
        from editorial.rules import is_stage_member

        return is_stage_member(self, user)

    class Meta:
        abstract = True


class EditorReviewTask(ReviewTask):
    @classmethod
    def get_description(cls):
        return _("An editor checks the content, sources and wording.")

    class Meta:
        verbose_name = _("editor review")
        verbose_name_plural = _("editor reviews")


class ChiefSignOffTask(ReviewTask):
    @classmethod
    def get_description(cls):
        return _("The chief editor signs off; the content then goes live.")

    class Meta:
        verbose_name = _("chief editor sign-off")
        verbose_name_plural = _("chief editor sign-offs")


class ReviewApproval(models.Model):
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", on_delete=models.CASCADE, related_name="review_approvals"
    )
    task_state = models.OneToOneField(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="review_approval"
    )
    task = models.ForeignKey("wagtailcore.Task", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="review_approvals",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review approval")
        verbose_name_plural = _("review approvals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user} approved {self.content_hash[:12]} (page {self.page_id})"


class PublicationClearance(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Approved, not yet live")
        LIVE = "live", _("Live")
        SUPERSEDED = "superseded", _("Replaced by newer content")
        REVOKED = "revoked", _("Unpublished")

    VALID = (Status.PENDING, Status.LIVE)

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="publication_clearances"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    # The approvals that produced it, in order (``editorial.rules.stage_records``): who, their
    # review roles then, which stage. The guard holds them to the review policy again.
    stages = models.JSONField(_("approved stages"), default=list, blank=True)
    created_at = models.DateTimeField(_("signed off at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication clearance")
        verbose_name_plural = _("publication clearances")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.content_hash[:12]} of page {self.page_id}: {self.status}"


class Takedown(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("taken down at"), auto_now_add=True)

    class Meta:
        verbose_name = _("takedown")
        verbose_name_plural = _("takedowns")
        ordering = ["-created_at"]

    def __str__(self):
        return f"Takedown of page {self.page_id} by {self.user}"
