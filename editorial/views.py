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
