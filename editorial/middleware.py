"""Admin middleware of editorial.

Admin requests that the review rules refuse change nothing and say why.

Every POST to the admin runs in one transaction. When the request raises an
``EditorialRefusal`` (the publish guard, a review rule), the transaction is rolled back, so
the draft, the workflow state and everything else stay as they were, and the person gets
the refusal as an error message (JSON for the admin's API and modal requests, a redirect
the workflow dialog follows) instead of an error page.

A refusal whose ``keeps_changes`` is true (a submission refused by the content checks) keeps
what the request saved before it: the draft revision, exactly as "Save draft" would. The
refusal itself happened before anything of the workflow was written.

Auditors are refused with 403, not Wagtail's redirect to the dashboard.

Wagtail's admin turns every ``PermissionDenied`` into a redirect to the dashboard with the message
"Sorry, you do not have permission to access this area." (``wagtail.admin.auth``). For members of
the Auditors group (read-only by definition) a refusal is answered as what it is: 403.
"""

from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.modal_workflow import render_modal_workflow

from editorial import roles
from editorial.exceptions import EditorialRefusal
from portal_site import wagtail_compat


class _RolledBack(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, response):
        super().__init__()
        self.response = response


class EditorialRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _applies(self, request):
        return request.method == "POST" and request.path.startswith(reverse("wagtailadmin_home"))

    def __call__(self, request):
        if not self._applies(request):
            return self.get_response(request)
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if getattr(request, "_editorial_refused", False):
                    # Roll back only now: the middlewares inside this one still query the
                    # database on the way out (a transaction marked for rollback refuses that).
                    raise _RolledBack(response)
        except _RolledBack as rolled_back:
            return rolled_back.response
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, EditorialRefusal) or not self._applies(request):
            return None
        if not getattr(exception, "keeps_changes", False):
            request._editorial_refused = True
        message = str(exception.message)
        is_xhr = request.headers.get("x-requested-with") == "XMLHttpRequest"
        match = getattr(request, "resolver_match", None)
        if is_xhr and match is not None and match.url_name == "workflow_action":
            # Wagtail's workflow dialog (dashboard): it follows "redirect" on success; the
            # message waits on the page it lands on.
            messages.error(request, self._admin_message(exception))
            return render_modal_workflow(
                request,
                "",
                None,
                {},
                json_data={"step": "success", "redirect": self._target(request, exception)},
            )
        wants_json = (
            "/api/" in request.path
            or is_xhr
            or "application/json" in request.headers.get("accept", "")
        )
        if wants_json:
            return JsonResponse(
                {"success": False, "error": message, "message": message}, status=403
            )
        messages.error(request, self._admin_message(exception))
        return redirect(self._target(request, exception))

    @staticmethod
    def _admin_message(exception):
        return getattr(exception, "html_message", None) or str(exception.message)

    @staticmethod
    def _target(request, exception):
        """Where the person sees the refusal: the page's editor when the refusal kept their
        draft (a new page exists now), else back where they came from."""
        page_id = getattr(exception, "page_id", None)
        if getattr(exception, "keeps_changes", False) and page_id:
            return reverse("wagtailadmin_pages:edit", args=[page_id])
        for target in (request.POST.get("next", ""), request.headers.get("referer", "")):
            if target and url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return target
        return reverse("wagtailadmin_home")


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
        denied = next(
            (
                m.message
                for m in wagtail_compat.queued_messages(request)
                if wagtail_compat.is_wagtail_permission_denied(m.message)
            ),
            None,
        )
        if denied is None:
            return response
        for _message in messages.get_messages(request):
            pass  # consumed: shown on the 403 page instead of the dashboard
        return render(request, "security/permission_denied.html", {"message": denied}, status=403)
