"""Admin wiring of ``cms``: signage boards as snippets, the headless preview token view."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.api.preview import issue_token_view
from cms.models import SignageBoard

register_snippet(SignageBoard)


@hooks.register("register_admin_urls")
def register_api_preview_url():
    return [path("api-preview/<int:page_id>/", issue_token_view, name="cms_api_preview_token")]
