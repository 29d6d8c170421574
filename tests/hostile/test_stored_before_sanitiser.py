"""Issue 23, risk of the ``<br>`` → ``<br/>`` change of the sanitiser: content stored before it
(a draft revision with ``<br>``) that is cleared by review must still go live. Review pins the
hash of the revision; publishing saves the page, the save sanitises it (``<br/>``) and the
publish guard hashes what is saved: both hashes are taken of one normalised form
(``editorial.content``), the one taken before the change, so reviews and clearances recorded
before it still count."""

import json

from wagtail.models import Page, Revision

from cms.models import ArticlePage
from editorial.content import content_json, page_content_hash, revision_content_hash, sha256
from editorial.models import PublicationClearance
from tests import factories
from tests.editorial.helpers import act, reload

OLD_BODY = "<p>Dòng một<br>dòng hai</p><p>Đoạn sau<br>với dòng mềm</p>"


def _store_as_before_the_change(article):
    """The page row and its latest revision as the sanitiser wrote them before the change:
    ``<br>`` (written straight to the table, as no save path writes it any more)."""
    body = [{"type": "paragraph", "value": OLD_BODY, "id": "0f1e2d3c-0000-4000-8000-000000000001"}]
    ArticlePage.objects.filter(pk=article.pk).update(body=body)
    revision = Page.objects.get(pk=article.pk).get_latest_revision()
    content = dict(revision.content)
    content["body"] = json.dumps(body)
    Revision.objects.filter(pk=revision.pk).update(content=content)
    stored = Revision.objects.get(pk=revision.pk)
    assert "<br>" in json.dumps(stored.content, ensure_ascii=False)
    return stored


def test_a_draft_stored_with_br_before_the_change_goes_live_once_reviewed(news_section, staff):
    reporter, editor, chief = staff["reporter"], staff["editor"], staff["chief"]
    article = factories.make_article(news_section, "Bài viết lưu trước khi đổi", live=False)
    article.save_revision(user=reporter)
    stored = _store_as_before_the_change(article)
    # The hash the review pins is the one taken before the change (no normalisation then).
    before = sha256(content_json(stored.content, ArticlePage))
    assert revision_content_hash(stored) == before
    # Submitted (as it was before the deploy, or afterwards with no new edit), then reviewed.
    page = reload(article)
    page.get_workflow().start(page, reporter)
    act(page, editor, "approve")
    act(page, chief, "approve")

    page = reload(article)
    assert page.live, "the cleared draft was refused at publication"
    assert PublicationClearance.objects.get(page=page).content_hash == before
    assert page_content_hash(ArticlePage.objects.get(pk=page.pk)) == before
    body = json.dumps(list(ArticlePage.objects.get(pk=page.pk).body.raw_data), ensure_ascii=False)
    assert "Dòng một<br/>dòng hai" in body
    assert page.get_latest_revision().pk == page.live_revision_id


def test_a_live_page_stored_with_br_before_the_change_saves_unchanged(news_section):
    article = factories.make_article(news_section, "Bài đã đăng trước khi đổi")
    block_id = "0f1e2d3c-0000-4000-8000-000000000002"
    ArticlePage.objects.filter(pk=article.pk).update(
        body=[{"type": "paragraph", "value": OLD_BODY, "id": block_id}]
    )
    page = ArticlePage.objects.get(pk=article.pk)
    page.save()  # a save of the whole row from code, nothing changed: not new content
    assert ArticlePage.objects.get(pk=article.pk).live
    assert "<br/>" in ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]
