"""Staff accounts and hardening: login lockout, second factor, sessions, headers, uploads.

Project-wide wiring, installed as the ``security`` app. It imports no portal app: who must use
a second factor is decided by the callable named in ``PORTAL_SECOND_FACTOR_POLICY``
(``editorial.accounts``). What is protected and how: SECURITY.md.
"""
