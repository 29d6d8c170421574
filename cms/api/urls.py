"""URLs of the public API, included by ``portal_site.urls`` before the page tree."""

from django.urls import path

from cms.api.v1 import api
from cms.api.v2 import router

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v2/", router.urls),
]
