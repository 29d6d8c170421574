"""The pre-publication content checks (editorial.content_checks): each check fires at its level, and
the findings are shown in the page editor."""

import pytest
from django.urls import reverse

from cms.models import PortalImage
from editorial import roles
from editorial.content_checks import ERROR, WARNING, run_checks
from editorial.models import ContentCheckSettings
from tests import factories


@pytest.fixture
def check_settings(db):
    site_settings = ContentCheckSettings.load()
    site_settings.blocked_domains = "tin-xau.example\n# comment line\n"
    site_settings.partner_domains = "doitac.example.org"
    site_settings.flagged_terms = "bạo loạn\nlừa đảo"
    site_settings.save()
    return site_settings


def findings_of(page, **kwargs):
    return [(f.level, f.code) for f in run_checks(page, **kwargs)]


def make(section, body_html, **fields):
    article = factories.make_article(section, "Bài kiểm tra", live=False, **fields)
    article.body = [("paragraph", body_html)]
    article.save_revision()
    return article.get_latest_revision_as_object()


def test_clean_article_has_no_findings(news_section, check_settings):
    page = make(news_section, '<p>Xem <a href="https://chinhphu.gov.vn/van-ban">văn bản</a>.</p>')
    assert run_checks(page) == []


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://tin-xau.example/bai", [(ERROR, "link.blocked")]),
        ("http://sub.tin-xau.example/x", [(ERROR, "link.blocked")]),
        ("https://bit.ly/abc", [(WARNING, "link.shortener")]),
        ("https://unknown-site.example.net/", [(WARNING, "link.unknown_domain")]),
        ("https://hanoi.gov.vn/tin", []),
        ("https://www.chinhphu.gov.vn./", []),
        ("https://doitac.example.org/bai", []),
        ("https://news.doitac.example.org/bai", []),
        ("https://fakegov.vn/", [(WARNING, "link.unknown_domain")]),
        ("https://gov.vn.evil.example/", [(WARNING, "link.unknown_domain")]),
        ("mailto:ban@example.com", []),
        ("tel:111", []),
        ("/tin-tuc/", []),
    ],
)
def test_links_are_checked_against_the_lists(news_section, check_settings, href, expected):
    page = make(news_section, f'<p><a href="{href}">liên kết</a></p>')
    assert findings_of(page) == expected


def test_links_in_the_source_and_video_fields_are_checked(news_section, check_settings):
    page = make(
        news_section,
        "<p>Nội dung.</p>",
        source_type="other_outlet",
        source_name="Báo",
        source_url="https://tin-xau.example/goc",
    )
    page.body = [("video", {"video": "https://bit.ly/video", "caption": ""})]
    assert sorted(findings_of(page)) == [(ERROR, "link.blocked"), (WARNING, "link.shortener")]


def test_blocked_link_message_is_in_vietnamese(news_section, check_settings):
    page = make(news_section, '<p><a href="https://tin-xau.example/">x</a></p>')
    (finding,) = run_checks(page)
    assert finding.is_error
    assert "tên miền bị chặn" in finding.message
    assert finding.passage == "https://tin-xau.example/"
    assert "<mark>tin-xau.example</mark>" in finding.highlighted


def test_image_without_alt_text_is_an_error(news_section, check_settings):
    image = factories.make_image("Ảnh không mô tả")
    PortalImage.objects.filter(pk=image.pk).update(description="  ")
    page = make(news_section, "<p>Nội dung.</p>", image=image)
    assert findings_of(page) == [(ERROR, "image.alt_missing")]


def test_image_block_without_alt_text_is_an_error(news_section, check_settings):
    image = factories.make_image("Ảnh trong bài")
    PortalImage.objects.filter(pk=image.pk).update(description="")
    page = make(news_section, "<p>Nội dung.</p>")
    page.body = [("image", {"image": image, "caption": "", "credit": ""})]
    assert findings_of(page) == [(ERROR, "image.alt_missing")]


def test_identifiable_people_need_a_consent_or_event_note(news_section, check_settings):
    image = factories.make_image("Ảnh người dân")
    image.shows_identifiable_people = True
    image.save()
    page = make(news_section, "<p>Nội dung.</p>", image=image)
    assert findings_of(page) == [(WARNING, "image.people_without_note")]
    image.people_note = "Hội nghị công khai tại UBND phường ngày 10/11/2026"
    image.save()
    assert findings_of(page) == []


def test_flagged_terms_are_warnings_with_the_passage_highlighted(news_section, check_settings):
    page = make(
        news_section,
        "<p>Cảnh báo thủ đoạn <b>Lừa Đảo</b> qua tin nhắn; lừa đảo trúng thưởng.</p>",
        lead="Không có gì đáng chú ý.",
    )
    findings = run_checks(page)
    assert [(f.level, f.code) for f in findings] == [(WARNING, "term.flagged")] * 2
    assert "<mark>Lừa Đảo</mark>" in findings[0].highlighted
    assert "Cảnh báo thủ đoạn" in findings[0].passage
    assert "cần được xem lại" in findings[0].message


def test_flagged_term_matches_whole_words_only(news_section, check_settings):
    page = make(news_section, "<p>Bạo loạnxyz không phải là cụm từ được đánh dấu.</p>")
    assert findings_of(page) == []


def test_flagged_terms_in_the_passage_are_escaped(news_section, check_settings):
    page = make(news_section, "<p>&lt;script&gt;x&lt;/script&gt; 5 &lt; 6 &amp; lừa đảo</p>")
    (finding,) = run_checks(page)
    assert "<script" not in finding.highlighted
    assert "5 &lt; 6 &amp; <mark>lừa đảo</mark>" in finding.highlighted


def test_social_network_source_without_verification_is_an_error(news_section, check_settings):
    page = make(
        news_section,
        "<p>Nội dung.</p>",
        source_type="social_network",
        source_url="https://www.facebook.com/example/posts/1",
    )
    assert findings_of(page) == [(ERROR, "source.unverified"), (WARNING, "link.unknown_domain")]


def test_findings_are_listed_in_the_page_editor(client, news_section, check_settings):
    article = factories.make_article(news_section, "Bài có liên kết", live=False)
    article.body = [("paragraph", '<p><a href="https://tin-xau.example/">x</a> lừa đảo</p>')]
    article.save_revision()
    client.force_login(factories.make_user("btv-kt", roles.EDITORS))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    html = response.text
    assert 'data-check-code="link.blocked"' in html
    assert 'data-check-code="term.flagged"' in html
    assert "<mark>lừa đảo</mark>" in html
    assert "Kiểm tra nội dung: 2 phát hiện." in html


def test_editor_shows_no_findings_box_for_a_clean_page(client, news_section, check_settings):
    article = factories.make_article(news_section, "Bài sạch", live=False)
    client.force_login(factories.make_user("btv-kt2", roles.EDITORS))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    assert "content-check-findings" not in response.text
