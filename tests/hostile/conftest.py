"""Fixtures of the hostile-content tests: the review roles of ``tests.editorial``."""

from tests.editorial.conftest import (  # noqa: F401 - fixtures
    administrator,
    auditor,
    chief,
    draft,
    editor,
    reporter,
    staff,
    superuser,
)
