"""The portal's overrides of Wagtail internals, in one place, each with the version it was
written against and a test that fails when upstream changes (tests/hostile/test_monkey_patches.py).
Applied once from ``portal_site.security.apps.SecurityConfig.ready``.

- ``wagtail.utils.text.text_from_html`` (Wagtail 8.0.1), used by the revision compare view and
  the panels: it parses with Python's ``html.parser`` through BeautifulSoup, which rejects some
  stored text (a table cell containing ``<![``: ``ParserRejectedMarkup``) and turned the compare
  view and the approval trail into a 500. The patched function falls back to html5lib, which
  parses anything the way a browser would.
- ``SpreadsheetExportMixin.preprocess_field_value`` (Wagtail 8.0.1): every exported cell goes
  through ``portal_site.exports.safe_cell`` (formula injection).
"""

from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup
from django.utils.encoding import force_str

_applied = False


def tolerant_text_from_html(val):
    """The unescaped text of an HTML string, whatever the string holds."""
    try:
        return BeautifulSoup(force_str(val), "html.parser").getText().strip()
    except (ParserRejectedMarkup, AssertionError):
        return BeautifulSoup(force_str(val), "html5lib").getText().strip()


def apply():
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
