"""The review tests' accounts and draft (tests/editorial/conftest.py)."""

from tests.editorial.conftest import (  # noqa: F401
    chief,
    draft,
    editor,
    reporter,
    second_editor,
    staff,
    superuser,
)
