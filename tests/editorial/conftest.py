"""Fixtures of the review tests: one account per role, a section, a draft article."""

import pytest

from editorial import roles
from tests import factories


@pytest.fixture
def staff(db):
    reporter, editor, chief = factories.staff()
    return {"reporter": reporter, "editor": editor, "chief": chief}


@pytest.fixture
def reporter(staff):
    return staff["reporter"]


@pytest.fixture
def editor(staff):
    return staff["editor"]


@pytest.fixture
def chief(staff):
    return staff["chief"]


@pytest.fixture
def second_editor(db):
    return factories.make_user("btv2", roles.EDITORS)


@pytest.fixture
def auditor(db):
    return factories.make_user("kt", roles.AUDITORS)


@pytest.fixture
def administrator(db):
    return factories.make_user("qt", roles.ADMINISTRATORS)


@pytest.fixture
def superuser(db):
    return factories.make_user("root", superuser=True)


@pytest.fixture
def draft(news_section, reporter):
    """An article a reporter wrote, saved as a draft revision, never live."""
    article = factories.make_article(news_section, "Bản thảo của phóng viên", live=False)
    article.save_revision(user=reporter)
    return article


def login(client, user):
    client.force_login(user)
    return client
