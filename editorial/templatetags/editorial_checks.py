"""Template tags of the content checks in the admin."""

from django import template

from editorial.content_checks import run_checks

register = template.Library()


@register.simple_tag
def approval_findings(page):
    """Findings of the page's latest revision (the version a reviewer approves), split into
    ``errors`` and ``warnings``."""
    revision = page.get_latest_revision() if page is not None else None
    findings = run_checks(revision.as_object()) if revision is not None else []
    return {
        "errors": [f for f in findings if f.is_error],
        "warnings": [f for f in findings if f.is_warning],
    }
