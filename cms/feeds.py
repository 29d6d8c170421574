"""RSS 2.0 feed of a section: its 30 newest live articles, subsections included.

Feed readers render ``<title>`` and ``<description>`` as HTML: every text is escaped as HTML
first (``escape``), and the XML writer then escapes that again, so a ``<script>`` typed in a
lead reaches the reader as the text ``<script>``, never as markup.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from cms import listings

FEED_LENGTH = 30


class SectionFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, section):
        return section

    def title(self, section):
        return escape(section.title)

    def link(self, section):
        return section.get_url(self.request)

    def description(self, section):
        return escape(section.search_description or section.title)

    def items(self, section):
        from cms.models import ArticlePage

        return listings.article_cards(ArticlePage.objects.descendant_of(section))[:FEED_LENGTH]

    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.lead)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.byline or None
