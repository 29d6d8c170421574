"""Models of the editorial app: the approval ledger and staff profiles (see each module)."""

from .ledger import LedgerEntry, LedgerImmutableError
from .profile import StaffProfile

__all__ = ["LedgerEntry", "LedgerImmutableError", "StaffProfile"]
