"""Purging the API's URLs from a front-end cache (CDN, Varnish) through
``wagtail.contrib.frontend_cache`` when a page changes, if ``WAGTAILFRONTENDCACHE`` is
configured. Called by the pages' cache declaration (``cms.models.upstream``)."""


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


def purge_page(page):
    purge_api_urls(api_urls_for_page(page))
