"""Admin views of editorial: takedown (unpublish at once, with a mandatory reason).

Wagtail's own page unpublish URL is routed here (see portal_site.urls), so the "Unpublish"
button of the page editor asks for the reason too.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from editorial import rules
from editorial.actions import TakeDown
from editorial.exceptions import NoPermissionError


class TakedownForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for taking it down"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Taking an article down needs a reason.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Taking an article down needs a reason."))
        return reason


@require_admin_access
def takedown_view(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    next_url = reverse("wagtailadmin_explore", args=[page.get_parent().id])
    # The rules of the action, asked before the form: no permission is a 403, a page that
    # is not live goes back to its listing with the reason.
    refusal = next(iter(rules.takedown_failures(page, request.user)), None)
    if isinstance(refusal, NoPermissionError):
        raise PermissionDenied
    if refusal is not None:
        messages.error(request, str(refusal))
        return redirect(next_url)
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        TakeDown(page, request.user, form.cleaned_data["reason"], request=request).execute()
        messages.success(
            request,
            _("'%(title)s' was taken down. Publishing it again needs a new review.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(next_url)
    return TemplateResponse(
        request, "editorial/takedown.html", {"page": page, "form": form}, status=200
    )


# --- Proposed changes to the review rules (editorial.governance) -------------------------------


def _administrator_only(request):
    if not rules.is_administrator(request.user):
        raise PermissionDenied


@require_admin_access
def governance_index(request):
    from editorial.models import GovernanceProposal

    _administrator_only(request)
    proposals = GovernanceProposal.objects.select_related("proposed_by", "decided_by")[:200]
    return TemplateResponse(
        request, "editorial/governance/index.html", {"proposals": proposals}, status=200
    )


@require_admin_access
def governance_detail(request, proposal_id):
    from editorial import governance
    from editorial.exceptions import GovernanceRefusal
    from editorial.models import GovernanceProposal

    _administrator_only(request)
    proposal = get_object_or_404(
        GovernanceProposal.objects.select_related("proposed_by", "decided_by"), pk=proposal_id
    )
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "confirm":
                governance.confirm(proposal, request.user)
                messages.success(request, _("Confirmed: the change is applied and recorded."))
            elif decision == "reject":
                governance.reject(proposal, request.user)
                messages.success(request, _("Rejected: nothing was changed."))
            else:
                messages.error(request, _("Choose Confirm or Reject."))
        except GovernanceRefusal as refusal:
            messages.error(request, str(refusal))
        return redirect("editorial_governance_detail", proposal.pk)
    labels = governance.names(proposal.before, proposal.after)
    rows = [
        {
            "label": labels.get(key, key),
            "before": _readable(proposal.before.get(key), labels),
            "after": _readable(value, labels),
        }
        for key, value in proposal.after.items()
    ]
    return TemplateResponse(
        request,
        "editorial/governance/detail.html",
        {
            "proposal": proposal,
            "rows": rows,
            "can_confirm": not rules.confirm_proposal_failures(proposal, request.user),
            "can_reject": not rules.reject_proposal_failures(proposal, request.user),
        },
        status=200,
    )


def _readable(value, labels):
    """A governed state with names instead of ids, one line a field."""
    if value is None:
        return [_("(does not exist)")]
    lines = []
    for field_name, item in value.items():
        if isinstance(item, list):
            shown = []
            for element in item:
                if isinstance(element, list):
                    shown.append(
                        f"{element[0]}/{labels.get(f'permission:{element[1]}', element[1])}"
                    )
                else:
                    kind = {"tasks": "task", "groups": "group", "permissions": "permission"}.get(
                        field_name, ""
                    )
                    shown.append(labels.get(f"{kind}:{element}", str(element)))
            lines.append(f"{field_name}: {', '.join(shown) or '—'}")
        else:
            lines.append(f"{field_name}: {item}")
    return lines
