"""The review tests' accounts (tests/editorial/conftest.py): the chief editor reads the queue."""

from tests.editorial.conftest import chief, staff, superuser  # noqa: F401
