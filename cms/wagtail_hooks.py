"""Admin wiring of ``cms``: signage boards as snippets, the headless preview token view, and
page links in rich text that never point readers at a draft or private page."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.api.preview import issue_token_view
from cms.models import SignageBoard
from cms.rich_text import LivePageLinkHandler, WellFormedDocumentLinkHandler

register_snippet(SignageBoard)


@hooks.register("register_admin_urls")
def register_api_preview_url():
    return [path("api-preview/<int:page_id>/", issue_token_view, name="cms_api_preview_token")]


@hooks.register("register_rich_text_features", order=100)
def register_live_page_links(features):
    # After Wagtail's own registration (order 0), which it replaces.
    features.register_link_type(LivePageLinkHandler)
    features.register_link_type(WellFormedDocumentLinkHandler)
