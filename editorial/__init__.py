"""How content reaches readers: roles, review, the publish guard, content checks, takedowns,
source verifications.

Import direction: ``editorial`` may import ``cms`` and ``ledger`` (its events feed the approval
ledger through Wagtail's log entries); ``cms`` never imports ``editorial``; ``citizen_reports``
and ``demo`` may import ``editorial``, which imports neither.
"""
