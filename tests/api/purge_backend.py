"""A front-end cache backend for tests: records the URLs Wagtail asks it to purge, as a CDN's
purge API would receive them."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
