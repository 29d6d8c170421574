"""Rich text link handling for readers: a link to a page that is not live and public renders
as ``<a>`` without an address, on the site and in the API alike, so a published text cannot
reveal the address (slug) of a draft or a private page."""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.caching import lookups


class LivePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = (
            lookups.public(Page.objects.filter(id__in=ids).live()).defer_streamfields().specific()
        )
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]
