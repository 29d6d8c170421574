"""Freshness across processes: a global content version in the shared cache.

Every cached API response and public page (``cms.page_cache``) is stored under the content
version current when it was built. Any change readers could see (a page published, unpublished,
moved or deleted, a view restriction, a site, a site setting, an image, a document, a help
contact, a tag or a signage board changed) bumps the version, so every process of every
machine sharing the cache (Redis) stops serving the old responses at once. The version is bumped
immediately and again after the transaction commits, so a response built from the old data
between the two can never outlive the commit.

The same changes purge the API's URLs from a front-end cache (CDN, Varnish) through
``wagtail.contrib.frontend_cache`` when ``WAGTAILFRONTENDCACHE`` is configured.
"""

import time

from django.core.cache import cache
from django.db import transaction

SHARED_CACHE_BACKENDS = ("RedisCache", "PyMemcacheCache", "PyLibMCCache", "DatabaseCache")

VERSION_KEY = "cms.api.content-version"
CHANGED_AT_KEY = "cms.api.content-changed-at"


def cache_is_shared():
    """Whether every app process sees the same cache (and so the same content version)."""
    from django.conf import settings

    return settings.CACHES.get("default", {}).get("BACKEND", "").endswith(SHARED_CACHE_BACKENDS)


def content_version():
    """(version, changed_at): the current content version and when it last changed."""
    values = cache.get_many([VERSION_KEY, CHANGED_AT_KEY])
    version, changed_at = values.get(VERSION_KEY), values.get(CHANGED_AT_KEY)
    if version is None or changed_at is None:
        changed_at = int(time.time())
        # Milliseconds: a version lost from the cache (eviction, restart) restarts above any
        # version handed out before, so no stale entry can be picked up again.
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        cache.add(CHANGED_AT_KEY, changed_at, timeout=None)
        values = cache.get_many([VERSION_KEY, CHANGED_AT_KEY])
        version = values.get(VERSION_KEY, 0)
        changed_at = values.get(CHANGED_AT_KEY, changed_at)
    return version, changed_at


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
    cache.set(CHANGED_AT_KEY, int(time.time()), timeout=None)


def bump_content_version():
    _bump()
    transaction.on_commit(_bump)


def api_urls_for_page(page):
    """The API URLs (paths) that show ``page``: its detail and the listings it appears in."""
    from django.urls import reverse

    urls = [
        reverse("api-v1:sections"),
        reverse("api-v1:articles"),
        reverse("api-v1:tags"),
        reverse("api-v1:online_conduct"),
        reverse("wagtailapi_v2:pages:listing"),
        reverse("wagtailapi_v2:pages:detail", args=[page.pk]),
    ]
    if page.specific_class and page.specific_class.__name__ == "ArticlePage":
        urls.append(reverse("api-v1:article", kwargs={"id": page.pk}))
    return urls


def purge_api_urls(paths):
    """Purge API paths from every configured front-end cache, on every site's host."""
    from django.conf import settings
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    roots = {site.root_url for site in Site.objects.all()}
    purge_urls_from_cache([root + path for root in sorted(roots) for path in paths])


def on_page_changed(instance, **kwargs):
    bump_content_version()
    purge_api_urls(api_urls_for_page(instance))


def on_content_changed(sender=None, instance=None, **kwargs):
    bump_content_version()


def on_settings_changed(sender=None, instance=None, created=False, **kwargs):
    # A site's settings row is created, with its defaults, the first time it is read: that
    # changes nothing readers see, and bumping for it would void what was just cached.
    if not created:
        bump_content_version()


def connect_signals():
    """Called from ``CmsConfig.ready()``."""
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.models import (
        AccountabilitySettings,
        AgencySettings,
        HelpContact,
        PortalDocument,
        PortalImage,
        SignageBoard,
        SignageItem,
    )

    page_published.connect(on_page_changed, dispatch_uid="cms.api.page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="cms.api.page_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="cms.api.page_moved")
    post_delete.connect(on_page_changed, sender=Page, dispatch_uid="cms.api.page_deleted")
    post_save.connect(
        on_settings_changed, sender=AccountabilitySettings, dispatch_uid="cms.api.accountability"
    )
    # The agency's name and logo are in every page's header (cms.lookups caches them).
    post_save.connect(on_settings_changed, sender=AgencySettings, dispatch_uid="cms.api.agency")
    # Help contacts (snippets) are listed on the child-protection page; a tag's name is shown on
    # every article carrying it and on its tag page.
    for model in (
        PageViewRestriction,
        Site,
        PortalImage,
        PortalDocument,
        HelpContact,
        Tag,
        SignageBoard,
        SignageItem,
    ):
        uid = f"cms.api.{model._meta.model_name}"
        post_save.connect(on_content_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(on_content_changed, sender=model, dispatch_uid=uid + ".delete")
