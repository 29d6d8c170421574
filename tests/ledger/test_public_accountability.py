"""Published articles tell readers which role approved them and when (a site setting)."""

import pytest
from wagtail.models import Site

from cms.models import AccountabilitySettings, ArticlePage
from editorial.models import StaffProfile
from tests import factories
from tests.ledger.conftest import act


@pytest.fixture
def approved(news_section, staff, review_workflow):
    reporter, editor, chief = staff
    StaffProfile.objects.create(user=chief, title="Phó Trưởng ban biên tập")
    article = factories.make_article(news_section, "Thông báo lịch tiếp dân", live=False)
    article.save_revision(user=reporter)
    review_workflow.start(article, reporter)
    act(article, editor, "approve")
    act(article, chief, "approve", "Đăng")
    return ArticlePage.objects.get(pk=article.pk)


def test_going_live_writes_the_final_approval_onto_the_article(approved):
    from ledger.models import LedgerEntry

    publish = LedgerEntry.objects.filter(page_id=approved.pk, action="wagtail.publish").get()
    assert approved.approved_by_role == "Phó Trưởng ban biên tập"
    assert approved.approved_by_name == "Tb Test"
    assert approved.approved_at == publish.created_at


def test_page_shows_role_and_time_but_not_the_name_by_default(client, approved):
    response = client.get(approved.url)
    assert response.status_code == 200
    assert "Phó Trưởng ban biên tập" in response.text
    assert "article__approval" in response.text
    assert "Tb Test" not in response.text


def test_name_is_shown_when_the_setting_allows_it(client, approved):
    settings = AccountabilitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_approver_name = True
    settings.save()
    assert "Tb Test" in client.get(approved.url).text


def test_nothing_is_shown_when_public_accountability_is_off(client, approved):
    settings = AccountabilitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_approval = False
    settings.save()
    response = client.get(approved.url)
    assert "article__approval" not in response.text
    assert "Phó Trưởng ban biên tập" not in response.text


def test_direct_publication_credits_the_publisher(news_section, staff):
    article = factories.make_article(news_section, "Tin đăng thẳng")
    article.refresh_from_db()
    assert article.approved_by_role == "Trưởng ban biên tập"
    assert article.approved_at is not None


def test_approval_fields_do_not_change_the_content_hash(approved):
    from cms.models import ArticlePage
    from editorial.content import content_json, sha256

    def content_sha256(content):
        return sha256(content_json(content, ArticlePage))

    revision = approved.live_revision
    content = dict(revision.content)
    changed = {**content, "approved_by_role": "khác", "approved_at": None}
    assert content_sha256(content) == content_sha256(changed)
    assert content_sha256(content) != content_sha256({**content, "title": "Tiêu đề khác"})
