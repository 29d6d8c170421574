"""The overrides of ``portal_site.monkey_patches`` are in place, and still needed: these fail
when Wagtail changes what they replace (written against Wagtail 8.0.1)."""

import pytest
from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup
from wagtail.admin import compare
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal_site.monkey_patches import tolerant_text_from_html


def test_compare_parses_text_that_html_parser_rejects():
    with pytest.raises(ParserRejectedMarkup):
        BeautifulSoup("a <![ b", "html.parser").getText()  # upstream's parser, unpatched
    assert compare.text_from_html is tolerant_text_from_html
    assert compare.text_from_html("a <![ b").startswith("a")


def test_wagtail_exports_go_through_the_formula_guard():
    patched = SpreadsheetExportMixin.preprocess_field_value
    assert hasattr(patched, "portal_original")
    mixin = SpreadsheetExportMixin()
    mixin.custom_field_preprocess = {}
    mixin.custom_value_preprocess = {}
    assert mixin.preprocess_field_value("title", "=1+1", "csv") == "'=1+1"
    assert mixin.preprocess_field_value("count", 3, "xlsx") == 3
