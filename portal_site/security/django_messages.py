"""Django 6.1 messages missing from Django's own Vietnamese catalog (their msgids changed).

Listed here so ``makemessages`` puts them in this app's catalog, which fills the gap.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
