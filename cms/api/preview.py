"""Draft preview for headless front ends: a signed token for one draft of one article.

A staff member who may edit the article asks the admin for a token
(``/admin/api-preview/<page id>/``). The token names the page and its latest revision, is
signed with ``SECRET_KEY`` and expires after ``PORTAL_API_PREVIEW_TOKEN_SECONDS``. It is refused
once the revision is published, once a newer draft replaces it, once the issuing account is
deactivated or may no longer edit the article (a role lost), and once a review of the article
is rejected or withdrawn after the token was issued: a token never outlives the draft it was
made for, nor the decision or the role that made it stale.
"""

import datetime as dt
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, TaskState, WorkflowState

from cms.api.http import ApiError
from cms.models import ArticlePage

SALT = "cms.api.preview"


def issue_token(page, revision, user):
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"page": page.pk, "revision": revision.pk, "user": user.pk, "at": int(time.time())},
        compress=True,
    )


def _review_closed_since(page, issued_at):
    """Whether a review of ``page`` was rejected or withdrawn (its workflow state cancelled)
    after ``issued_at`` (one query)."""
    since = dt.datetime.fromtimestamp(issued_at - 1, tz=dt.UTC)
    return TaskState.objects.filter(
        workflow_state__base_content_type_id=page.get_base_content_type().pk,
        workflow_state__object_id=str(page.pk),
        workflow_state__status=WorkflowState.STATUS_CANCELLED,
        finished_at__gte=since,
    ).exists()


def _refused(code, message):
    return ApiError(403, code, message)


def draft_for_token(token):
    """The article as its draft revision stands, or ApiError(403) if the token is refused."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=settings.PORTAL_API_PREVIEW_TOKEN_SECONDS
        )
    except signing.SignatureExpired as exc:
        raise _refused("preview_token_expired", _("This preview link has expired.")) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise _refused("preview_token_invalid", _("This preview link is not valid.")) from exc
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), int) for k in ("page", "revision", "user", "at")
    ):
        raise _refused("preview_token_invalid", _("This preview link is not valid."))
    page = ArticlePage.objects.filter(pk=data["page"]).select_related("latest_revision").first()
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if page is None or user is None:
        raise _refused("preview_token_invalid", _("This preview link is not valid."))
    revision = page.latest_revision
    if (
        revision is None
        or revision.pk != data["revision"]
        or page.live_revision_id == revision.pk
        or (page.last_published_at and revision.created_at <= page.last_published_at)
    ):
        raise _refused(
            "preview_token_stale",
            _("This draft has been published or replaced; ask for a new preview link."),
        )
    if not page.permissions_for_user(user).can_edit() or _review_closed_since(page, data["at"]):
        raise _refused(
            "preview_token_revoked",
            _(
                "This preview link no longer works: the review was rejected or withdrawn, or "
                "its issuer may no longer edit the article. Ask for a new preview link."
            ),
        )
    return revision.as_object()


@require_GET
def issue_token_view(request, page_id):
    """Admin view (login required by Wagtail's admin URLs): a token for the page's draft."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ArticlePage) or not page.permissions_for_user(request.user).can_edit():
        raise Http404
    revision = page.latest_revision
    if revision is None or revision.pk == page.live_revision_id:
        return JsonResponse(
            {
                "error": {
                    "status": 400,
                    "code": "no_draft",
                    "message": _("This article has no unpublished draft."),
                    "details": [],
                }
            },
            status=400,
        )
    token = issue_token(page, revision, request.user)
    expires = timezone.now() + dt.timedelta(seconds=settings.PORTAL_API_PREVIEW_TOKEN_SECONDS)
    url = request.build_absolute_uri(reverse("api-v1:preview")) + "?token=" + token
    response = JsonResponse({"token": token, "expires_at": expires.isoformat(), "url": url})
    response["Cache-Control"] = "private, no-store"
    return response
