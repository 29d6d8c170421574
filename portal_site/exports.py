"""Spreadsheet cells that stay text: the one helper every CSV and XLSX the portal writes uses.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by spreadsheet programs (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``); such a value – a title, a
comment, a person's name – gets a leading ``'`` so the cell is text (OWASP, CSV injection).
Numbers, dates and other non-string values are written as they are.

Used by ``ledger.periodic`` (report CSV and XLSX, web and ``editorial_report``) and, through
``portal_site.wagtail_compat``, by every export of Wagtail's admin (the approval ledger's CSV and
XLSX, Wagtail's own reports).
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet cell that cannot be a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]
