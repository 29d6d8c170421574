"""Test-only URLs for the page cache's storage rules: never in portal_site.urls."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from portal_site import urls as portal_urls


def render_string(request, source):
    return HttpResponse(engines["django"].from_string(source).render({}, request))


def plain(request):
    return HttpResponse("<p>the same for everybody</p>")


def with_nonce(request):
    return render_string(request, '<script nonce="{{ csp_nonce }}">1</script>')


def with_csrf_token(request):
    return render_string(request, '<form method="post">{% csrf_token %}</form>')


def private(request):
    response = HttpResponse("<p>for you</p>")
    response["Cache-Control"] = "private, max-age=60"
    return response


def varies_on_language(request):
    response = HttpResponse("<p>by Accept-Language</p>")
    response["Vary"] = "Accept-Language"
    return response


def sets_cookie(request):
    response = HttpResponse("<p>with a cookie</p>")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    path("__test__/plain/", plain),
    path("__test__/nonce/", with_nonce),
    path("__test__/csrf/", with_csrf_token),
    path("__test__/private/", private),
    path("__test__/vary-language/", varies_on_language),
    path("__test__/cookie/", sets_cookie),
    path("", include(portal_urls)),
]
