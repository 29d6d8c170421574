"""Public views that are not pages: site search, tag listings, the language switch, robots.txt."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from taggit.models import Tag
from wagtail.models import Page

from cms import listings
from cms import search as site_search
from cms.caching import lookups
from cms.language import is_supported, set_language_cookie
from cms.models import ArticlePage, ArticlePageTag
from cms.search import normalise_query

__all__ = [
    "normalise_query",
    "page_not_found",
    "robots_txt",
    "search",
    "server_error",
    "service_unavailable",
    "set_language",
    "tag",
]


@require_GET
def search(request):
    raw_query = request.GET.get("q", "").strip()
    query, truncated = normalise_query(raw_query)
    order = request.GET.get("sap-xep")
    if order not in site_search.ORDERS:
        order = site_search.NEWEST
    results = None
    if query:
        # Newest first by default: ranking every match by relevance costs a pass over all of
        # them (a common word matches half the archive), walking the publication date index
        # stops after one page. Relevance is one click away.
        pages = lookups.public(Page.objects.live()).specific()
        by_relevance = order == site_search.RELEVANCE
        if not by_relevance:
            pages = pages.order_by("-first_published_at")
        found = site_search.search(pages, query, order_by_relevance=by_relevance)
        results = listings.paginate_capped(
            request,
            found,
            lambda cap: site_search.capped_count(found, cap, f"search|{query}"),
            settings.PORTAL_SEARCH_MAX_COUNTED,
        )
        for result in results.object_list:
            # Only articles have a lead; a summary for every type keeps the template from
            # looking up a missing attribute (which Django answers with a costly dir()).
            result.summary = getattr(result, "lead", "") or result.search_description
    return render(
        request,
        "cms/search.html",
        {
            "query": raw_query[: settings.PORTAL_SEARCH_MAX_QUERY_LENGTH],
            "order": order,
            "orders": [
                (site_search.NEWEST, _("Newest first")),
                (site_search.RELEVANCE, _("Most relevant first")),
            ],
            "results": results,
            "truncated": truncated,
        },
    )


@require_GET
def tag(request, slug):
    # Only a tag of live, public content exists for readers: a tag found only on drafts (or
    # on pages behind a restriction) would print a name nobody has published (issue 15).
    published = listings.live_articles(ArticlePage.objects.all()).order_by().values("pk")
    tag_obj = Tag.objects.filter(
        slug=slug, pk__in=ArticlePageTag.objects.filter(content_object__in=published).values("tag")
    ).first()
    if tag_obj is None:
        raise Http404(_("No such tag."))
    articles = listings.paginate(
        request,
        listings.article_cards(ArticlePage.objects.filter(tagged_items__tag=tag_obj)),
    )
    return render(request, "cms/tag.html", {"tag": tag_obj, "articles": articles})


@require_http_methods(["GET", "HEAD", "POST"])
def set_language(request):
    """Store the reader's language choice in the language cookie and go back to ``next``.

    Unlike Django's ``set_language`` this takes a plain link (``?language=en&next=/path``): the
    footer switcher is two links instead of a POST form, so public pages carry no CSRF token
    and can be cached and shared (``cms.caching.page_cache``). A forged link can do no more than
    change the language the site is shown in. POST, as Django's form sends it, is still accepted.

    An unknown language is refused (400) rather than ignored: the switcher only offers the
    languages of ``settings.LANGUAGES``, so anything else is a mistyped or forged address.
    ``next`` must stay on this site; anything else goes to the home page.
    """

    def param(name):
        value = request.POST.get(name) if request.method == "POST" else None
        return value or request.GET.get(name, "")

    language = param("language")
    if not is_supported(language):
        response = HttpResponseBadRequest(
            _("The portal is not available in this language."),
            content_type="text/plain; charset=utf-8",
        )
    else:
        next_url = param("next")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = "/"
        response = HttpResponseRedirect(next_url)
        set_language_cookie(response, language)
    # A choice of one browser, never to be stored by a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /tim-kiem/",
        f"Disallow: {reverse('set_language')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 with ``Retry-After`` when the database cannot be reached (the API in its JSON
    error shape). No context processors and no database: whatever broke may be the database
    itself. Pages in the page cache are still served meanwhile (``cms.caching.page_cache``)."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return service_unavailable(request)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def service_unavailable(request):
    from django.template import loader
    from django.utils.cache import patch_cache_control

    from cms.api.http import error_response
    from cms.middleware import is_api_request

    if is_api_request(request):
        response = error_response(
            503,
            "service_unavailable",
            _("The service is temporarily unavailable. Please try again in a few minutes."),
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        patch_cache_control(response, no_cache=True, max_age=0)
    response["Retry-After"] = str(settings.PORTAL_UNAVAILABLE_RETRY_AFTER)
    return response
