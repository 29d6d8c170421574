"""Lookups that every public request needs and that almost never change: the site serving the
request, the restricted parts of the page tree and of the collections, the main menu and the
site settings, and the listings' totals.

Contract:

- Each is built once and kept in the default cache under the content version
  (``cms.caching.version``): every change readers can see bumps the version
  (``cms.caching.invalidation``), so every process sharing the cache (Redis, required in
  production) rebuilds it on its next request; entries of old versions are never read again
  and expire after ``CACHE_TIMEOUT``.
- Within one request (``request_scope``, opened by ``cms.middleware.PublicLookupsMiddleware``)
  the version is read from the cache once and each lookup is memoised, so a page view costs no
  query for any of them.
- View restrictions are kept as the tree paths they cover, plain strings: whether a page is
  public is a prefix test, and nothing about a restriction (its groups, its password) is kept
  here. Wagtail reads the restriction itself when it serves a restricted page.

Import direction: ``cms`` only; ``editorial`` never needs these.
"""

import contextvars
import hashlib
from contextlib import contextmanager

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Q

from cms.caching import version as content
from portal_site import wagtail_compat

CACHE_TIMEOUT = 24 * 3600
_memo = contextvars.ContextVar("cms_lookups_memo", default=None)


@contextmanager
def request_scope():
    """Memoise the content version and the lookups for the duration of one request."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _version():
    memo = _memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = content.content_version()[0]
    if memo is not None:
        memo["version"] = version
    return version


def cached(name, build):
    """``build()``'s value, cached under the current content version (and for the request)."""
    memo = _memo.get()
    if memo is not None and name in memo:
        return memo[name]
    key = f"cms.caching.lookups.{name}.{_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    if memo is not None:
        memo[name] = value
    return value


def cached_count(queryset):
    """``queryset.count()``, kept under the content version like the lookups above.

    The listings' totals (a section's 57,000 articles, a tag's, the API's filtered lists) only
    change when content does, and counting them is the one part of a listing whose cost grows
    with the archive (120 ms at 100,000 articles, against 2 ms for the page of cards). Keyed by
    the query's SQL and parameters. Not for queries that depend on the clock.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # ``.none()``, or a filter that can match nothing
        return 0
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    return cached(f"count.{digest}", queryset.count)


def cached_capped_count(name, queryset, cap):
    """How many rows ``queryset`` has, counting no further than ``cap`` (one
    ``SELECT COUNT(*) FROM (... LIMIT cap)``), cached under ``name`` and the content version:
    for queries whose SQL is not stable from one request to the next (the search backend
    lists content types from a set), the caller names what the count depends on."""
    digest = hashlib.sha256(f"{name}|{cap}".encode()).hexdigest()[:32]
    return cached(f"capped-count.{digest}", queryset.order_by().values("pk")[:cap].count)


# --- View restrictions ----------------------------------------------------------------------


def restricted_paths():
    """The tree paths of every page with a view restriction (each covers its subtree)."""
    from wagtail.models import PageViewRestriction

    def build():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return cached("restricted-page-paths", build)


def is_restricted(page):
    """Whether a view restriction applies to ``page`` (on it or an ancestor): no query."""
    return any(page.path.startswith(path) for path in restricted_paths())


def private_q(field="path"):
    """A filter matching the pages under a view restriction (none when there is none)."""
    q = Q()
    for path in restricted_paths():
        q |= Q(**{f"{field}__startswith": path})
    return q


def public(queryset):
    """``queryset.public()`` without its query: excludes pages in a restricted subtree."""
    private = private_q()
    return queryset.exclude(private) if private else queryset


def restricted_collection_paths():
    """The tree paths of every collection with a view restriction (documents there need a
    login to download, so they are left out of public lists)."""
    from wagtail.models import CollectionViewRestriction

    def build():
        return sorted(
            set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        )

    return cached("restricted-collection-paths", build)


# --- Site -----------------------------------------------------------------------------------


def sites():
    """Every site with its root page (specific), for ``find_site``."""
    from wagtail.models import Site

    def build():
        found = list(Site.objects.select_related("root_page").order_by("pk"))
        roots = {}
        for site in found:
            if site.root_page_id not in roots:
                roots[site.root_page_id] = site.root_page.specific
            site.root_page = roots[site.root_page_id]
        return found

    return cached("sites", build)


def find_site(request):
    """The site serving ``request``, chosen like ``Site.find_for_request`` (unique host name,
    then host name and port, then the default site), from the cached list."""
    from django.http.request import split_domain_port

    hostname = split_domain_port(wagtail_compat.raw_host(request))[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = None
    all_sites = sites()
    same_host = [s for s in all_sites if s.hostname == hostname]
    if len(same_host) == 1:
        return same_host[0]
    for site in same_host:
        if site.port == port:
            return site
    return next((s for s in all_sites if s.is_default_site), None)


# --- Menu and settings ----------------------------------------------------------------------


def main_menu(site):
    """The site's menu: live, public children of its root marked "show in menus"."""
    if site is None:
        return []

    def build():
        root = site.root_page
        return list(public(root.get_children().live().in_menu()).specific(defer=True))

    return cached(f"menu.{site.pk}", build)


def site_setting(model, site, build):
    """A site setting row (``BaseSiteSetting.for_site``), cached."""
    return cached(f"setting.{model._meta.label_lower}.{site.pk}", build)
