"""Admin wiring of the editorial app: the report moderation queue, and the content-check
findings shown to whoever opens a page in the editor."""

from django.contrib import messages
from django.template.loader import render_to_string
from wagtail import hooks

from editorial.checks import run_checks
from editorial.report_admin import report_viewset


@hooks.register("register_admin_viewset")
def register_report_viewset():
    return report_viewset


@hooks.register("before_edit_page")
def show_content_check_findings(request, page):
    """List the findings of the latest revision above the editor (shown, never blocking)."""
    if request.method != "GET":
        return None
    findings = run_checks(page.get_latest_revision_as_object())
    if findings:
        html = render_to_string("editorial/admin/check_findings.html", {"findings": findings})
        level = messages.ERROR if any(f.is_error for f in findings) else messages.WARNING
        messages.add_message(request, level, html)
    return None
