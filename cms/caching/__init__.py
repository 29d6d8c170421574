"""What keeps readers' pages and the API fast without ever serving stale content.

- ``version``: the content version in the shared cache, bumped on every change readers can see;
  everything below is kept under it.
- ``invalidation``: the one registry of which models' changes bump it; each model declares
  itself where it is defined (``invalidates_content``).
- ``lookups``: the site, view restrictions, menu, site settings and listing totals, built once
  per content version and memoised per request.
- ``page_cache``: whole public pages for anonymous readers.

Import direction: ``cms.caching`` imports Django, Wagtail and, lazily, ``cms.models``; the rest
of ``cms`` (models, views, listings, the API) imports it. Nothing here imports ``editorial``.
"""
