"""Reporters see only their own drafts' titles (issue 15, finding 5): in the page explorer, the
admin's page search and the admin API, another reporter's draft is not listed; editors still
see it to review it."""

import pytest
from django.urls import reverse

from editorial import roles
from tests import factories

SECRET = "Bản nháp của phóng viên khác"


@pytest.fixture
def other_draft(news_section, reporter):
    article = factories.make_article(news_section, SECRET, live=False)
    article.owner = reporter
    article.save_revision(user=reporter)
    article.save(update_fields=["owner"])
    return article


@pytest.fixture
def second_reporter(db):
    return factories.make_user("pv2", roles.REPORTERS)


def views(news_section, page):
    return [
        reverse("wagtailadmin_explore", args=[news_section.pk]),
        reverse("wagtailadmin_pages:search") + "?q=phóng+viên+khác",
        f"/admin/api/main/pages/?child_of={news_section.pk}&for_explorer=1",
        f"/admin/api/main/pages/?child_of={news_section.pk}",
    ]


def test_another_reporters_draft_title_is_hidden_from_a_reporter(
    client, news_section, other_draft, second_reporter
):
    client.force_login(second_reporter)
    for url in views(news_section, other_draft):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    assert client.get(f"/admin/api/main/pages/{other_draft.pk}/").status_code == 404


def test_a_reporter_still_sees_their_own_draft(client, news_section, other_draft, reporter):
    client.force_login(reporter)
    response = client.get(reverse("wagtailadmin_explore", args=[news_section.pk]))
    assert SECRET in response.content.decode()


def test_an_editor_still_sees_the_draft_to_review_it(client, news_section, other_draft, editor):
    client.force_login(editor)
    for url in views(news_section, other_draft)[:3]:
        assert SECRET in client.get(url).content.decode(), url
