"""Every use of a private attribute or method of Wagtail, treebeard, modelsearch or Django, in
one place.

Each function below wraps one private API, names the version it was written against and says
why the public API does not do. ``tests/test_wagtail_compat.py`` has a test per function that
fails if the upstream behaviour it relies on changes: run it after every upgrade, then check
the functions here before anything else.

Written against Wagtail 8.0.1, django-treebeard 5.3.1, modelsearch 1.3.2 and Django 6.1. On
import, a warning says so if the installed Wagtail is not 8.0.x.

Import direction: upstream packages only; ``cms`` and ``editorial`` import this module.
"""

import functools
import warnings

import wagtail

WRITTEN_FOR_WAGTAIL = (8, 0)


def check_wagtail_version(version=None):
    """Warn when ``version`` (default: the installed Wagtail's) is not the one this module was
    written against; return whether it is."""
    version = version or wagtail.__version__
    matches = tuple(int(part) for part in version.split(".")[:2]) == WRITTEN_FOR_WAGTAIL
    if not matches:
        warnings.warn(
            f"portal_site.wagtail_compat was written for Wagtail "
            f"{'.'.join(map(str, WRITTEN_FOR_WAGTAIL))}.x; Wagtail {version} is installed. "
            "Run tests/test_wagtail_compat.py and review each override.",
            RuntimeWarning,
            stacklevel=2,
        )
    return matches


check_wagtail_version()


# --- The site serving a request --------------------------------------------------------------


def remember_site(request, site):
    """Hand Wagtail the site serving ``request``, so ``Site.find_for_request`` (and everything
    calling it: settings, routing, ``{% pageurl %}``) does not look it up with a query.

    Wagtail 8.0.1 (``wagtail/models/sites.py``, ``Site.find_for_request``) memoises the site
    on ``request._wagtail_site`` and returns it when the attribute exists; there is no public
    setter. The portal finds the site from its cached site list (``cms.caching.lookups``).
    """
    request._wagtail_site = site


def known_site(request):
    """The site already found for ``request`` (by ``remember_site`` or Wagtail), or None
    without looking it up. Wagtail 8.0.1: the attribute ``request._wagtail_site``."""
    if request is None:
        return None
    return getattr(request, "_wagtail_site", None)


def raw_host(request):
    """The request's host as sent, without Django's ``ALLOWED_HOSTS`` validation.

    Django 6.1 ``HttpRequest._get_raw_host``. Wagtail 8.0.1's ``Site._find_for_request`` uses
    it (a host outside ``ALLOWED_HOSTS`` must still be matched, then refused by Django), and
    the portal's cached site lookup chooses the site exactly as Wagtail does.
    """
    return request._get_raw_host()


# --- Pages -----------------------------------------------------------------------------------


def set_known_parent(page, parent):
    """Tell ``page`` its parent, so ``page.get_parent()`` costs no query.

    django-treebeard 5.3.1 ``MP_Node.get_parent`` returns ``_cached_parent_obj`` when set
    (treebeard sets it itself when adding a child; Wagtail 8.0.1 when building a preview's
    page). The portal's home page routes a whole path in one query and knows each ancestor.
    """
    page._cached_parent_obj = parent


# --- modelsearch -----------------------------------------------------------------------------

TITLE_NORMS_METHOD = "_refresh_title_norms"


def refreshes_title_norms(index_class):
    """Whether modelsearch's ``index_class`` recomputes title norms after each add (its
    PostgreSQL, SQLite and MySQL indexes in modelsearch 1.3.2)."""
    return callable(getattr(index_class, TITLE_NORMS_METHOD, None))


def with_title_norms_refresh(index_class, mixin):
    """A subclass of ``index_class`` (and ``mixin``) whose title-norm refresh is
    ``mixin.refresh_title_norms(self, full=..., upstream=...)``; ``upstream()`` runs
    modelsearch's own.

    modelsearch 1.3.2 ``PostgresIndex.add_items`` (and the SQLite and MySQL indexes) calls
    ``self._refresh_title_norms()`` after every batch, and ``rebuild``/``reset`` paths call it
    with ``full=True``; it scans the whole index each time (``cms.search_backend``). There is
    no public hook.
    """

    def _refresh_title_norms(self, full=False):
        upstream = functools.partial(getattr(index_class, TITLE_NORMS_METHOD), self, full=full)
        return self.refresh_title_norms(full=full, upstream=upstream)

    return type(
        index_class.__name__, (mixin, index_class), {TITLE_NORMS_METHOD: _refresh_title_norms}
    )


# --- Editorial: where the review replaces a piece of Wagtail ---------------------------------

# Wagtail 8.0.1 (``wagtail/admin/signal_handlers.py``, ``register_signal_handlers``) sends its
# own workflow e-mails from these receivers, connected with these dispatch uids. The review sends
# its own (``editorial.notifications``, in the background, naming the pinned content), so
# Wagtail's would duplicate them; there is no setting to switch them off.
WAGTAIL_WORKFLOW_EMAIL_RECEIVERS = (
    ("task_submitted", "TaskState", "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "WorkflowState", "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "WorkflowState", "workflow_state_rejected_email_notification"),
    ("workflow_approved", "WorkflowState", "workflow_state_approved_email_notification"),
)


def disconnect_wagtail_workflow_emails():
    """Disconnect Wagtail's workflow e-mail receivers; return the dispatch uids that were not
    connected (an upstream rename: its e-mails would then be sent beside ours). Needs the
    caller's app after ``wagtail.admin`` in INSTALLED_APPS (receivers connect in ``ready()``)."""
    from wagtail import models, signals

    missing = []
    for signal_name, sender_name, dispatch_uid in WAGTAIL_WORKFLOW_EMAIL_RECEIVERS:
        signal = getattr(signals, signal_name)
        sender = getattr(models, sender_name)
        if not signal.disconnect(sender=sender, dispatch_uid=dispatch_uid):
            missing.append(dispatch_uid)
    return missing


# Wagtail 8.0.1 (``wagtail/admin/auth.py``, ``permission_denied``) answers a refused admin
# request with a redirect to the dashboard and this message, the only sign that the redirect
# is a refusal. ``editorial.middleware.AuditorPermissionDeniedMiddleware`` turns it into a 403
# for auditors; there is no hook on the refusal itself.
WAGTAIL_PERMISSION_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def queued_messages(request):
    """The messages queued in this request, left in place. Django 6.1's message storage keeps
    them in ``_queued_messages`` (``django/contrib/messages/storage/base.py``); iterating the
    storage would mark them as read."""
    from django.contrib import messages

    return list(getattr(messages.get_messages(request), "_queued_messages", []))


def is_wagtail_permission_denied(message):
    """Whether ``message`` (as queued) is Wagtail's refusal, in the active language."""
    from django.utils.translation import gettext

    return str(message).strip() == gettext(WAGTAIL_PERMISSION_DENIED_MESSAGE)


# Wagtail 8.0.1 serves its page "Unpublish" confirmation at ``admin/pages/<id>/unpublish/``
# (``wagtailadmin_pages:unpublish``), without a reason, and its ``before_unpublish_page`` hook
# runs only after that confirmation is posted. A takedown needs its reason first, so the portal
# serves its own view at the same address (listed before Wagtail's admin URLs): every button and
# link Wagtail renders for unpublishing opens the takedown form.
WAGTAIL_UNPUBLISH_ROUTE = "admin/pages/<int:page_id>/unpublish/"


def page_unpublish_override(view):
    """The URL pattern serving ``view`` where Wagtail serves its page unpublish view; list it
    before ``include(wagtail.admin.urls)``."""
    from django.urls import path

    return path(WAGTAIL_UNPUBLISH_ROUTE, view)


# Wagtail 8.0.1 has a ``publish_scheduled`` command (``wagtail/management/commands/``) that
# publishes due revisions without asking whether they were reviewed. ``editorial`` has a command
# of the same name that refuses unreviewed ones first; Django runs the command of the app listed
# first in INSTALLED_APPS, so ``editorial`` must come before ``wagtail``.
def command_app(name):
    """The app whose management command ``name`` runs (Django's ``get_commands``)."""
    from django.core.management import get_commands

    return get_commands().get(name)


# --- Patches applied at start-up (``portal_site.security.apps.SecurityConfig.ready``) ---------
#
# - ``wagtail.utils.text.text_from_html`` (Wagtail 8.0.1), used by the revision compare view and
#   the panels: it parses with Python's ``html.parser`` through BeautifulSoup, which rejects some
#   stored text (a table cell containing ``<![``: ``ParserRejectedMarkup``) and turned the compare
#   view and the approval trail into a 500. The patched function falls back to html5lib, which
#   parses anything the way a browser would.
# - ``SpreadsheetExportMixin.preprocess_field_value`` (Wagtail 8.0.1): every exported cell goes
#   through ``portal_site.exports.safe_cell`` (formula injection).


def tolerant_text_from_html(val):
    """The unescaped text of an HTML string, whatever the string holds."""
    from bs4 import BeautifulSoup
    from bs4.exceptions import ParserRejectedMarkup
    from django.utils.encoding import force_str

    try:
        return BeautifulSoup(force_str(val), "html.parser").getText().strip()
    except (ParserRejectedMarkup, AssertionError):
        return BeautifulSoup(force_str(val), "html5lib").getText().strip()


_applied = False


def apply_patches():
    global _applied
    if _applied:
        return
    _applied = True

    from wagtail.admin import compare
    from wagtail.admin.panels import base as panels_base
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.utils import text

    from portal_site.exports import safe_cell

    text.text_from_html = tolerant_text_from_html
    compare.text_from_html = tolerant_text_from_html
    panels_base.text_from_html = tolerant_text_from_html

    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(original(self, field, value, export_format))

    preprocess_field_value.portal_original = original
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
