"""Importing an HTML file gives a draft whose stored HTML is clean: every XSS list of the
corpus, imported as a whole file, renders inert once published."""

import io

import pytest
from django.core.management import CommandError, call_command

from cms.models import ArticlePage
from tests import factories
from tests.cms.test_sanitize import CORPUS_LINK_WARNINGS, assert_inert, assert_stored_clean
from tests.html_safety import XSS_CORPUS


def import_file(path, section, **options):
    out = io.StringIO()
    call_command("import_article", str(path), section=section.slug, stdout=out, **options)
    return ArticlePage.objects.get(pk=int(out.getvalue().strip()))


@pytest.mark.parametrize("name", sorted(p.name for p in XSS_CORPUS.glob("*.txt")))
def test_imported_payload_lists_are_stored_clean_and_render_inert(client, news_section, name):
    path = XSS_CORPUS / name
    article = import_file(path, news_section, title=f"Nhập {name}", lead="<b>Tóm tắt</b>")
    assert not article.live
    assert article.lead == "Tóm tắt"
    assert_stored_clean(article)  # the draft's revision, which previews read, is clean too
    # The lists link to sites of every kind: the reviewers acknowledge those warnings.
    factories.go_live(article.get_latest_revision_as_object(), acknowledge=CORPUS_LINK_WARNINGS)
    assert_stored_clean(article)
    assert_inert(client, article)


def test_import_refuses_unknown_section_file_and_author(news_section, tmp_path):
    page = tmp_path / "bai.html"
    page.write_text("<p>Nội dung</p>", encoding="utf-8")
    with pytest.raises(CommandError, match="chuyên mục"):
        call_command("import_article", str(page), section="khong-co", title="T")
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command(
            "import_article", str(tmp_path / "x.html"), section=news_section.slug, title="T"
        )
    with pytest.raises(CommandError, match="tài khoản"):
        call_command(
            "import_article", str(page), section=news_section.slug, title="T", author="nobody"
        )


def test_imported_titles_get_free_slugs(news_section, tmp_path):
    page = tmp_path / "bai.html"
    page.write_text("<p>Nội dung</p>", encoding="utf-8")
    first = import_file(page, news_section, title="Tin mới")
    second = import_file(page, news_section, title="Tin mới")
    assert (first.slug, second.slug) == ("tin-moi", "tin-moi-2")
