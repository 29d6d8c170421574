"""Rich text link handling for readers: a link to a page that is not live and public renders
as ``<a>`` without an address, on the site and in the API alike, so a published text cannot
reveal the address (slug) of a draft or a private page. A link whose id is malformed (stored
before entry points refused them, ``cms.editor_html.link_problems``) renders the same way,
as its text, instead of failing the page."""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.caching import lookups
from cms.editor_html import _ID


def _well_formed(ids):
    return [id_ for id_ in ids if isinstance(id_, str) and _ID.match(id_)]


class LivePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        valid = _well_formed(ids)
        pages = (
            lookups.public(Page.objects.filter(id__in=valid).live()).defer_streamfields().specific()
            if valid
            else []
        )
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]


class WellFormedDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        valid = _well_formed(ids)
        documents = cls.get_model().objects.in_bulk(valid) if valid else {}
        by_id = {str(pk): document for pk, document in documents.items()}
        return [by_id.get(str(id_)) for id_ in ids]
