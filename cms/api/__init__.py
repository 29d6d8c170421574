"""The portal's public read API: what readers' apps, ward and school websites and signage
boards see.

- ``/api/v1/`` (``cms.api.v1``): the portal's own versioned API, django-ninja, OpenAPI 3 schema
  at ``/api/v1/openapi.json`` and docs at ``/api/v1/docs``.
- ``/api/v2/`` (``cms.api.v2``): Wagtail's standard API for existing Wagtail front ends, with
  its per-item queries removed.

Contract: only live, public pages of the site and only their live content (the page row, never
``latest_revision`` or a draft); nothing about revisions, workflows, comments or accounts. The
one exception is the signed, short-lived, single-page draft preview (``cms.api.preview``).

Import direction: ``cms.api`` never imports ``editorial``.
"""
