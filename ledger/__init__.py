"""The approval ledger: an append-only, hash-chained record of every editorial event.

Everything that appends to the ledger goes through ``record`` (or, for bulk loads, the same
appender's ``append``; see ``ledger.append``): the capture of Wagtail log entries
(``ledger.capture``), access changes, exports, and any review code for events Wagtail does not
log. Each entry is signed with an Ed25519 key held outside the database (``ledger.signing``)
and each committed head is anchored outside it (``ledger.anchors``); ``manage.py
verify_ledger`` recomputes the chain and checks signatures, times, the review records review
entries claim and the anchors (``ledger.verify``).

Import direction: ``ledger`` may import ``cms``; ``editorial`` may import ``ledger`` (and its
events feed it through Wagtail's log entries); ``ledger`` imports nothing of ``editorial``: what
it copies from there is named by settings (``LEDGER_ROLE_ORDER``, ``LEDGER_ACTOR_TITLE_LOOKUP``,
``LEDGER_REVISION_HASH``, ``LEDGER_REVIEW_RECORDS``, read with ``django.apps``). ``cms`` never
imports ``ledger``.
"""

from ledger.append import actor_facts, page_facts, record, section_facts

__all__ = ["actor_facts", "page_facts", "record", "section_facts"]
