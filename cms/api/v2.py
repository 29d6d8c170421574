"""``/api/v2/``: Wagtail's standard API (pages, images, documents) for existing Wagtail front
ends, as Wagtail ships it except:

- the listing costs a fixed number of queries: the page's locale and the specific pages are
  fetched in bulk instead of once per item;
- documents under a collection view restriction are left out, as the v1 API does;
- responses carry Cache-Control for anonymous reads.
"""

from django.utils.cache import patch_cache_control
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api import queries
from cms.models import ArticlePage


class CacheControlMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            from django.conf import settings

            patch_cache_control(response, public=True, max_age=settings.PORTAL_API_MAX_AGE)
        return response


class PortalPagesAPIViewSet(CacheControlMixin, PagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, ArticlePage):
            queryset = queryset.select_related("hero_image").prefetch_related("tags")
        return queryset

    def get_base_queryset(self):
        # Wagtail asks for it several times per request; each time reads every view restriction.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset


class PortalImagesAPIViewSet(CacheControlMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(CacheControlMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return queries.documents().order_by("id")


router = WagtailAPIRouter("wagtailapi_v2")
router.register_endpoint("pages", PortalPagesAPIViewSet)
router.register_endpoint("images", PortalImagesAPIViewSet)
router.register_endpoint("documents", PortalDocumentsAPIViewSet)
