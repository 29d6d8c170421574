"""How content reaches readers: roles, review, the publish guard, content checks, the ledger.

Import direction: ``editorial`` may import ``cms``; ``cms`` never imports ``editorial``.
"""
