"""Test-only URLs for the headless-browser CSP check: never in portal_site.urls.

``/__test__/login/<pk>/`` signs the browser in as a user (the browser cannot be scripted to
type); ``/__test__/csp-report/`` collects the violation reports the browser sends.
"""

import json

from django.contrib.auth import get_user_model, login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from portal_site import urls as portal_urls

REPORTS = []


def sign_in(request, pk):
    user = get_user_model().objects.get(pk=pk)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(request.GET.get("next", "/admin/"))


@csrf_exempt
def csp_report(request):
    try:
        REPORTS.append(json.loads(request.body or b"{}"))
    except ValueError:
        REPORTS.append({"unparsed": request.body.decode(errors="replace")})
    return HttpResponse(status=204)


def inline_script(request):
    """A public-site response with an inline script and no nonce: must be reported."""
    return HttpResponse("<!doctype html><title>x</title><script>document.title='ran'</script>")


urlpatterns = [
    path("__test__/login/<int:pk>/", sign_in),
    path("__test__/csp-report/", csp_report),
    path("__test__/inline-script/", inline_script),
    path("", include(portal_urls)),
]
