"""portal_site.wagtail_compat: one test per override, each failing if the upstream private API
it relies on changes (run after every Wagtail, treebeard, modelsearch or Django upgrade)."""

import inspect
import warnings

import pytest
from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup
from django.core.exceptions import DisallowedHost
from django.test import RequestFactory
from wagtail.admin import compare
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, Site

from portal_site import wagtail_compat


def test_a_wagtail_other_than_the_one_written_for_is_warned_about():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert wagtail_compat.check_wagtail_version("8.0.1")
        assert wagtail_compat.check_wagtail_version("8.0.7")
    with pytest.warns(RuntimeWarning, match="written for Wagtail 8.0.x; Wagtail 8.1.0"):
        assert not wagtail_compat.check_wagtail_version("8.1.0")


def test_the_installed_wagtail_is_the_one_written_for():
    import wagtail

    assert wagtail.__version__.startswith("8.0."), "review portal_site/wagtail_compat.py"


@pytest.mark.django_db
def test_wagtail_finds_the_site_handed_to_it_without_a_query(django_assert_num_queries):
    """Site.find_for_request must return what remember_site stored (request._wagtail_site)."""
    request = RequestFactory().get("/", HTTP_HOST="nowhere.example")
    handed = Site(hostname="handed.example", port=80)
    wagtail_compat.remember_site(request, handed)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is handed
    assert wagtail_compat.known_site(request) is handed


@pytest.mark.django_db
def test_the_site_wagtail_finds_is_known_afterwards(home):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert wagtail_compat.known_site(request) is None
    assert wagtail_compat.known_site(None) is None
    site = Site.find_for_request(request)
    assert site is not None
    assert wagtail_compat.known_site(request) is site


def test_the_raw_host_skips_allowed_hosts_as_wagtail_does(settings):
    settings.ALLOWED_HOSTS = ["cong.example.gov.vn"]
    request = RequestFactory().get("/", HTTP_HOST="other.example:8080")
    with pytest.raises(DisallowedHost):
        request.get_host()
    assert wagtail_compat.raw_host(request) == "other.example:8080"
    # The portal's cached site lookup chooses like Wagtail, which reads the same raw host.
    assert "_get_raw_host()" in inspect.getsource(Site._find_for_request)


@pytest.mark.django_db
def test_a_page_told_its_parent_gets_it_without_a_query(home, django_assert_num_queries):
    page = Page.objects.get(pk=home.pk)
    parent = Page(title="given", path=page.path[: -page.steplen], depth=page.depth - 1)
    wagtail_compat.set_known_parent(page, parent)
    with django_assert_num_queries(0):
        assert page.get_parent() is parent


def test_modelsearch_refreshes_title_norms_after_every_add_through_the_overridden_method():
    """The configured backend's index (PostgreSQL or SQLite) is the portal's subclass, and
    modelsearch's own index calls the overridden method after every add."""
    from modelsearch.backends import get_search_backend

    from cms.search_backend import IncrementalTitleNormsMixin

    index_class = get_search_backend().index_class
    assert issubclass(index_class, IncrementalTitleNormsMixin)
    upstream = next(
        cls
        for cls in index_class.__mro__
        if cls.__module__.startswith("modelsearch.")
        and wagtail_compat.TITLE_NORMS_METHOD in vars(cls)
    )
    assert wagtail_compat.refreshes_title_norms(upstream)
    assert "self._refresh_title_norms()" in inspect.getsource(upstream.add_items)
    signature = inspect.signature(getattr(upstream, wagtail_compat.TITLE_NORMS_METHOD))
    assert list(signature.parameters) == ["self", "full"]


def test_the_title_norms_override_calls_the_mixin_with_modelsearchs_own_refresh():
    calls = []

    class Upstream:
        def _refresh_title_norms(self, full=False):
            calls.append(("upstream", full))

    class Mixin:
        def refresh_title_norms(self, *, full, upstream):
            calls.append(("mixin", full))
            upstream()

    index = wagtail_compat.with_title_norms_refresh(Upstream, Mixin)()
    index._refresh_title_norms()
    index._refresh_title_norms(full=True)
    assert calls == [("mixin", False), ("upstream", False), ("mixin", True), ("upstream", True)]
    assert not wagtail_compat.refreshes_title_norms(object)


# --- Editorial ---------------------------------------------------------------------------------


def test_wagtails_workflow_emails_are_disconnected_by_their_dispatch_uids():
    """editorial.apps disconnected every receiver at start-up (none missing), and none of them
    is connected now: a second disconnect finds nothing."""
    import wagtail.admin.signal_handlers as handlers

    source = inspect.getsource(handlers)
    for _signal, _sender, dispatch_uid in wagtail_compat.WAGTAIL_WORKFLOW_EMAIL_RECEIVERS:
        assert f'dispatch_uid="{dispatch_uid}"' in source, dispatch_uid
    assert wagtail_compat.disconnect_wagtail_workflow_emails() == [
        uid for _s, _t, uid in wagtail_compat.WAGTAIL_WORKFLOW_EMAIL_RECEIVERS
    ]


def test_wagtails_permission_denied_message_is_the_one_matched():
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory
    from wagtail.admin.auth import permission_denied

    request = RequestFactory().get("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    permission_denied(request)
    queued = [m.message for m in wagtail_compat.queued_messages(request)]
    assert any(wagtail_compat.is_wagtail_permission_denied(m) for m in queued)


def test_wagtails_page_unpublish_address_is_served_by_the_takedown_view():
    from django.urls import resolve, reverse

    from editorial.views import takedown_view

    url = reverse("wagtailadmin_pages:unpublish", args=[7])
    assert url == "/" + wagtail_compat.WAGTAIL_UNPUBLISH_ROUTE.replace("<int:page_id>", "7")
    assert resolve(url).func is takedown_view


def test_the_publish_scheduled_command_that_runs_is_editorials():
    assert wagtail_compat.command_app("publish_scheduled") == "editorial"


# --- Patches applied at start-up: in place, and still needed -----------------------------------


def test_compare_parses_text_that_html_parser_rejects():
    with pytest.raises(ParserRejectedMarkup):
        BeautifulSoup("a <![ b", "html.parser").getText()  # upstream's parser, unpatched
    assert compare.text_from_html is wagtail_compat.tolerant_text_from_html
    assert compare.text_from_html("a <![ b").startswith("a")


def test_wagtail_exports_go_through_the_formula_guard():
    patched = SpreadsheetExportMixin.preprocess_field_value
    assert hasattr(patched, "portal_original")
    mixin = SpreadsheetExportMixin()
    mixin.custom_field_preprocess = {}
    mixin.custom_value_preprocess = {}
    assert mixin.preprocess_field_value("title", "=1+1", "csv") == "'=1+1"
    assert mixin.preprocess_field_value("count", 3, "xlsx") == 3
