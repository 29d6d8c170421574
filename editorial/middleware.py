"""Auditors are refused with 403, not Wagtail's redirect to the dashboard.

Wagtail's admin turns every ``PermissionDenied`` into a redirect to the dashboard with the message
"Sorry, you do not have permission to access this area." (``wagtail.admin.auth``). For members of
the Auditors group (read-only by definition) a refusal is answered as what it is: 403.
"""

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from editorial import roles

WAGTAIL_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


class AuditorPermissionDeniedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return response
        if not user.groups.filter(name=roles.AUDITORS).exists():
            return response
        denied = gettext(WAGTAIL_DENIED_MESSAGE)
        queued = getattr(messages.get_messages(request), "_queued_messages", [])
        if not any(str(message.message).strip() == denied for message in queued):
            return response
        for _message in messages.get_messages(request):
            pass  # consumed: shown on the 403 page instead of the dashboard
        return render(request, "editorial/permission_denied.html", {"message": denied}, status=403)
