"""Models of Wagtail and taggit that readers see through ``cms``, declared for cache
invalidation (``cms.caching.invalidation``) here, as the portal's own models declare
themselves next to their class.

- Pages: what readers see changes when a page is published, unpublished, moved or deleted (a
  draft saved changes nothing); the API's URLs are purged from a front-end cache too.
- View restrictions of pages and of collections (a document in a login-only collection leaves
  the public lists), with their groups; collections (a restriction covers a collection's
  subtree, found by its tree path).
- Sites (hosts, root pages, the default site), redirects, tags (a tag's name is shown on every
  article carrying it and on its tag page).
"""

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from cms.caching.invalidation import PAGE_EVENTS, invalidates_content


def _purge_api_urls(page):
    from cms.api.purge import purge_page

    purge_page(page)


invalidates_content(Page, on=PAGE_EVENTS, then=_purge_api_urls)
invalidates_content(PageViewRestriction)
invalidates_content(CollectionViewRestriction)
invalidates_content(Collection)
invalidates_content(Site)
invalidates_content(Redirect)
invalidates_content(Tag)
