"""The site's one full-text search: used by the search page and by the public API.

Queries are folded to unaccented lower-case ASCII (``cms.text.fold``) and matched with
``operator="and"`` against the backend's index, which holds a folded copy of every page's text
(``FoldedSearchMixin``), so "ke hoach" finds "Kế hoạch" on SQLite and PostgreSQL alike.
"""

import re

from django.conf import settings

from cms.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_query(raw: str) -> tuple[str, bool]:
    """The folded search terms of a raw query, and whether it had to be shortened.

    Only word characters survive: punctuation means nothing to the full-text index and some of
    it ("*", quotes, parentheses) is syntax to SQLite's FTS5 parser.
    """
    limit = settings.PORTAL_SEARCH_MAX_QUERY_LENGTH
    truncated = len(raw) > limit
    terms = _WORD.findall(fold(raw[:limit]))
    return " ".join(terms), truncated


# The search page's orders: ?sap-xep=moi-nhat (default) or ?sap-xep=lien-quan.
NEWEST = "moi-nhat"
RELEVANCE = "lien-quan"
ORDERS = (NEWEST, RELEVANCE)


def search(queryset, folded_query, *, order_by_relevance=True):
    """Search results of ``queryset`` (a page queryset, filtered on index FilterFields only)."""
    return queryset.search(folded_query, operator="and", order_by_relevance=order_by_relevance)


def capped_count(results, cap, name):
    """How many results there are, counting no further than ``cap``: one
    ``SELECT COUNT(*) FROM (... LIMIT cap)``, which stops once ``cap`` matches are found
    instead of ranking or counting every match (a common word matches half the archive);
    kept under the content version (``cms.caching.lookups``) and ``name`` (what else the results
    depend on: the query, the site), so a repeated search costs no count."""
    from cms.caching import lookups

    return lookups.cached_capped_count(name, results.get_queryset(), cap)
