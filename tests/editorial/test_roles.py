"""The editorial roles exist as groups; before review lands nobody gets more than it needs."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from editorial import roles
from tests import factories


@pytest.mark.django_db
def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


@pytest.mark.parametrize(
    ("role", "can_add", "can_edit_others", "can_publish"),
    [
        (roles.REPORTERS, True, False, False),
        (roles.EDITORS, True, True, True),
        (roles.CHIEF_EDITORS, True, True, True),
        (roles.AUDITORS, False, False, False),
        (roles.ADMINISTRATORS, True, True, True),
    ],
)
def test_page_permissions_per_role(news_section, role, can_add, can_edit_others, can_publish):
    user = factories.make_user("nguoidung", role)
    other_article = factories.make_article(news_section, "Bài của người khác", live=False)
    section_perms = news_section.permissions_for_user(user)
    article_perms = Page.objects.get(pk=other_article.pk).permissions_for_user(user)
    assert section_perms.can_add_subpage() is can_add
    assert article_perms.can_edit() is can_edit_others
    assert article_perms.can_publish() is can_publish


def test_reporter_edits_own_draft_but_cannot_publish_it(client, news_section):
    reporter = factories.make_user("phongvien1", roles.REPORTERS)
    article = factories.make_article(news_section, "Bài của phóng viên", live=False)
    article.owner = reporter
    article.save()
    client.force_login(reporter)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.text
    assert 'name="action-submit"' in response.text or "action-submit" in response.text


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_reaches_the_admin_dashboard(client, db, role):
    client.force_login(factories.make_user("nv", role))
    assert client.get("/admin/").status_code == 200
