"""Public URLs of the ledger (included by ``portal_site.urls`` before the content API)."""

from django.urls import path

from ledger import public

urlpatterns = [path("api/v1/ledger/head/", public.public_head, name="ledger_public_head")]
