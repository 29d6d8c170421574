"""Admin views of editorial: takedown (unpublish at once, with a mandatory reason).

Wagtail's own page unpublish URL is routed here (see portal_site.urls), so the "Unpublish"
button of the page editor asks for the reason too.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from editorial.content import page_content_hash
from editorial.models import Takedown
from editorial.signals import emit


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


def take_down(page, user, reason, request=None):
    """Unpublish ``page`` (and nothing below it) at once, recording who and why."""
    page = page.specific
    content_hash = page_content_hash(page)
    live_revision = page.live_revision
    with transaction.atomic():
        Takedown.objects.create(page=page, user=user, reason=reason, content_hash=content_hash)
        # One event, one entry: the takedown with its reason (below) is what the page history
        # and the ledger record, not a second, reasonless wagtail.unpublish.
        page.unpublish(user=user, log_action=False)
        emit(
            "takedown",
            page=page,
            actor=user,
            revision=live_revision,
            content_hash=content_hash,
            comment=reason,
            request=request,
        )
    return page


@require_admin_access
def takedown_view(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    next_url = reverse("wagtailadmin_explore", args=[page.get_parent().id])
    if not page.live:
        messages.error(request, _("This page is not live."))
        return redirect(next_url)
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        take_down(page, request.user, form.cleaned_data["reason"], request=request)
        messages.success(
            request,
            _("'%(title)s' was taken down. Publishing it again needs a new review.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(next_url)
    return TemplateResponse(
        request, "editorial/takedown.html", {"page": page, "form": form}, status=200
    )
