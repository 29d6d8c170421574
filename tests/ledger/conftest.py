"""Fixtures of the ledger tests: the portal's real review workflow, three staff accounts."""

import pytest

from tests import factories


@pytest.fixture
def review_workflow(news_section):
    """The review workflow that covers the news section (created by editorial's migrations)."""
    return news_section.get_workflow()


@pytest.fixture
def staff(db):
    """(reporter, editor, chief editor)."""
    return factories.staff()


def act(page, user, action, comment=""):
    """Take ``action`` on the page's current review task, as the admin's buttons do."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)
    page.refresh_from_db()
    return page


# The review tests' accounts (tests/editorial/conftest.py), for the ledger's tests of access.
from tests.editorial.conftest import administrator, auditor, superuser  # noqa: E402, F401
