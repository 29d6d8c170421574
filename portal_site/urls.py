from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from editorial import views as editorial_views
from portal_site import wagtail_compat

urlpatterns = [
    # Unpublishing a page is a takedown: it needs a reason (editorial.views).
    wagtail_compat.page_unpublish_override(editorial_views.takedown_view),
    # The ledger's signed head, public so that anyone can pin it (ledger.public).
    path("", include("ledger.urls")),
    path("", include("cms.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tim-kiem/", cms_views.search, name="search"),
    path("the/<str:slug>/", cms_views.tag, name="tag"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("ngon-ngu/", cms_views.set_language, name="set_language"),
    path("phan-anh/", include("citizen_reports.urls")),
]

if getattr(settings, "PORTAL_SERVE_MEDIA", False):
    # Development and the browser tests only; in production the web server serves /media/.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
