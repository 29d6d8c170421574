"""Editorial's place in the admin: no Publish button anywhere (content goes live through
review only), the review queue on the dashboard, verifications of social-network sources,
takedown, the review events in the page history and the content-check findings shown to
whoever opens a page in the editor. The ledger's reports are ``ledger.wagtail_hooks``, the
citizen-report queue ``citizen_reports.wagtail_hooks``."""

from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import ArticlePage
from editorial import views
from editorial.actions import VerifySource
from editorial.content_checks import run_checks
from editorial.models import ReviewTask, SourceVerification
from editorial.signals import emit

REVIEW_LOG_ACTIONS = {
    "portal.review.submit": (_("Submit for review"), _("Submitted for review")),
    "portal.review.approve": (_("Approve"), _("Approved")),
    "portal.review.sign_off": (_("Sign off"), _("Signed off")),
    "portal.review.request_changes": (_("Request changes"), _("Changes requested")),
    "portal.review.reject": (_("Reject"), _("Rejected")),
    "portal.review.restart": (_("Restart review"), _("Review restarted: content changed")),
    "portal.review.takedown": (_("Take down"), _("Taken down")),
    "portal.review.verification": (_("Verify source"), _("Source verified")),
    "portal.review.publish_refused": (
        _("Publishing refused"),
        _("Publishing refused: not approved at every review stage"),
    ),
}


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    for name, (label, message) in REVIEW_LOG_ACTIONS.items():
        actions.register_action(name, label, message)


@hooks.register("construct_page_action_menu")
def remove_publish_button(menu_items, request, context):
    # Publishing happens only when the chief editor signs off; the button would always be
    # refused by the publish guard.
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("register_admin_urls")
def register_takedown_url():
    return [
        path("editorial/takedown/<int:page_id>/", views.takedown_view, name="editorial_takedown"),
        path("governance/", views.governance_index, name="editorial_governance_index"),
        path(
            "governance/<int:proposal_id>/",
            views.governance_detail,
            name="editorial_governance_detail",
        ),
    ]


class GovernanceMenuItem(MenuItem):
    def is_shown(self, request):
        from editorial.rules import is_administrator

        return is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def register_governance_menu_item():
    return GovernanceMenuItem(
        _("Proposed rule changes"),
        reverse("editorial_governance_index"),
        icon_name="clipboard-list",
        order=50,
    )


def review_queue(user):
    """In-progress review stages the user may act on, oldest first."""
    tasks = list(ReviewTask.__subclasses__())
    task_ids = []
    for task_model in tasks:
        for task in task_model.objects.filter(active=True):
            if task.user_is_reviewer(user):
                task_ids.append(task.pk)
    states = list(
        TaskState.objects.filter(task_id__in=task_ids, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state")
        .order_by("started_at", "pk")
    )
    pages = Page.objects.filter(pk__in=[int(s.workflow_state.object_id) for s in states]).in_bulk()
    articles = ArticlePage.objects.filter(pk__in=pages).only("source_type").in_bulk()
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        article = articles.get(page.pk)
        items.append(
            {
                "task_state": state,
                "page": page,
                "source_type": article.get_source_type_display() if article else "",
            }
        )
    return items


class ReviewQueuePanel(Component):
    name = "editorial_review_queue"
    template_name = "editorial/review_queue_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = review_queue(parent_context["request"].user)
        return context


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels.append(ReviewQueuePanel())


class SourceVerificationViewSet(SnippetViewSet):
    model = SourceVerification
    icon = "tick-inverse"
    menu_label = _("Source verifications")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["page", "original_post_url", "verified_by", "created_at"]


register_snippet(SourceVerificationViewSet)


def _record_verifier(request, instance):
    if isinstance(instance, SourceVerification):
        VerifySource.record(instance, request.user, request=request)


@hooks.register("after_create_snippet")
def after_create_verification(request, instance):
    _record_verifier(request, instance)


@hooks.register("after_edit_snippet")
def after_edit_verification(request, instance):
    _record_verifier(request, instance)


@hooks.register("after_copy_page")
def report_copy(request, page, new_page):
    emit("copy", page=new_page, actor=request.user, request=request, source_page_id=page.pk)


@hooks.register("after_delete_page")
def report_delete(request, page):
    emit("delete", page=page, actor=request.user, request=request)


@hooks.register("before_bulk_action")
def refuse_bulk_unpublish(request, action_type, objects, action_class_instance):
    from django.contrib import messages
    from django.shortcuts import redirect

    if action_type == "unpublish" and any(isinstance(o, Page) for o in objects):
        messages.error(
            request,
            _("Take pages down one at a time: each takedown needs its own reason."),
        )
        return redirect(getattr(action_class_instance, "next_url", None) or "wagtailadmin_home")
    return None


@hooks.register("after_edit_page")
def report_revert(request, page):
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "revisions_revert":
        emit(
            "revert",
            page=page,
            actor=request.user,
            revision=page.get_latest_revision(),
            request=request,
            reverted_to=match.kwargs.get("revision_id"),
        )


@hooks.register("before_edit_page")
def show_content_check_findings(request, page):
    """List the findings of the latest revision above the editor. Showing them blocks
    nothing: submission and approval are governed by ``editorial.content_checks.gate``."""
    if request.method != "GET":
        return None
    findings = run_checks(page.get_latest_revision_as_object())
    if findings:
        html = render_to_string(
            "editorial/admin/check_findings.html",
            {
                "findings": findings,
                "blocks_submission": any(f.blocks_submission for f in findings),
                "has_warnings": any(f.is_warning for f in findings),
            },
        )
        level = messages.ERROR if any(f.is_error for f in findings) else messages.WARNING
        messages.add_message(request, level, html)
    return None
