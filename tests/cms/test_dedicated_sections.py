"""The dedicated sections: codes of conduct with their status and linkable rules, safe-Internet
guides, child protection with editable help contacts, and the good-deeds stories."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import (
    ChildProtectionPage,
    ConductCodePage,
    GoodDeedsSectionPage,
    GoodDeedStoryPage,
    HelpContact,
    SafetyGuidePage,
    SectionPage,
)
from editorial import roles
from tests import factories
from tests.cms.test_query_counts import queries_for


def add_live(parent, page):
    parent.add_child(instance=page)
    factories.go_live(page)
    return page


def make_code(section, slug, number, year, **fields):
    return add_live(
        section,
        ConductCodePage(
            title=f"Bộ quy tắc {number}",
            slug=slug,
            instrument_number=number,
            instrument_title=f"Bộ quy tắc {year}",
            issuing_body="Bộ",
            issued_year=year,
            principles=[("principle", {"title": "Tuân thủ pháp luật", "text": "Giải thích"})],
            rules=[
                ("audience", {"audience": "individuals", "rules": ["Quy tắc một", "Quy tắc hai"]}),
                ("audience", {"audience": "agencies", "rules": ["Quy tắc cơ quan"]}),
            ],
            live=False,
            **fields,
        ),
    )


@pytest.fixture
def codes(home):
    section = factories.make_section(home, "Bộ quy tắc ứng xử")
    new = make_code(section, "moi", "423/QĐ-BVHTTDL", 2026)
    old = make_code(
        section, "cu", "874/QĐ-BTTTT", 2021, issued_on=datetime.date(2021, 6, 17), replaced_by=new
    )
    return section, old, new


def test_code_in_force_says_so_and_lists_what_it_replaced(client, codes):
    _section, old, new = codes
    html = client.get(new.url).text
    assert "còn hiệu lực" in html
    assert "đã được thay thế" not in html
    assert old.url in html  # "codes this one replaced"


def test_replaced_code_says_by_what_and_since_when(client, codes):
    _section, old, new = codes
    html = client.get(old.url).text
    assert "đã được thay thế – không còn hiệu lực" in html
    assert f'href="{new.url}"' in html
    assert "423/QĐ-BVHTTDL" in html
    assert "năm 2026" in html  # the replacing code's year: its exact date is not recorded
    assert "(đã được thay thế)" in html  # on every rule group heading
    old.replaced_on = datetime.date(2026, 3, 1)
    factories.go_live(old)
    assert "từ ngày 01/03/2026" in client.get(old.url).text


def test_rules_have_unique_anchors_that_survive_an_edit(client, codes):
    _section, old, _new = codes
    html = client.get(old.url).text
    anchors = re.findall(r'<li id="(quy-tac-[0-9a-f]{8})">', html)
    assert len(anchors) == 3 and len(set(anchors)) == 3
    for anchor in anchors:
        assert f'href="#{anchor}"' in html
    assert 'id="doi-tuong-ca-nhan"' in html and 'id="doi-tuong-co-quan-nha-nuoc"' in html
    old.title = "Bộ quy tắc đã sửa tiêu đề"
    old.intro = "Giới thiệu mới"
    factories.go_live(old)
    assert re.findall(r'<li id="(quy-tac-[0-9a-f]{8})">', client.get(old.url).text) == anchors


def test_code_status_is_validated(codes):
    _section, old, new = codes
    new.replaced_on = datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError) as error:
        new.full_clean()
    assert "replaced_on" in error.value.message_dict
    old.replaced_by = old
    with pytest.raises(ValidationError) as error:
        old.full_clean()
    assert "replaced_by" in error.value.message_dict


def test_section_lists_its_dedicated_pages(client, codes):
    section, old, new = codes
    html = client.get(section.url).text
    assert "Trong chuyên mục này" in html
    assert old.title in html and new.title in html


def test_section_listing_queries_do_not_grow_with_dedicated_pages(client, codes):
    section, _old, new = codes
    few = queries_for(client, section.url)
    for number in range(4):
        make_code(section, f"them-{number}", f"{number}/QĐ", 2020 + number, replaced_by=new)
    assert queries_for(client, section.url) == few


def test_guide_shows_numbered_steps_with_images_and_alt_text(client, home):
    section = factories.make_section(home, "Kỹ năng")
    image = factories.make_image("Tin nhắn lừa đảo")
    guide = add_live(
        section,
        SafetyGuidePage(
            title="Nhận diện lừa đảo",
            slug="nhan-dien",
            audience="students_teachers",
            steps=[
                ("step", {"title": "Dừng lại", "text": "<p>Đừng bấm.</p>", "image": image}),
                ("step", {"title": "Kiểm tra", "text": "<p>Xem tên miền.</p>", "image": None}),
            ],
            live=False,
        ),
    )
    html = client.get(guide.url).text
    assert html.index("Dừng lại") < html.index("Kiểm tra")
    assert 'id="buoc-1"' in html and 'id="buoc-2"' in html
    assert 'alt="Ảnh minh họa: Tin nhắn lừa đảo"' in html
    assert "Học sinh và giáo viên" in html


def test_child_protection_page_shows_the_editable_help_contacts(client, home):
    section = factories.make_section(home, "Bảo vệ trẻ em")
    contact = HelpContact.objects.create(name="Tổng đài quốc gia bảo vệ trẻ em", phone="111")
    HelpContact.objects.create(name="Công an", phone="113", sort_order=5)
    page = add_live(
        section,
        ChildProtectionPage(
            title="Địa chỉ hỗ trợ",
            slug="ho-tro",
            current_rules="<p>Quyết định số 88/QĐ-BTTTT năm 2025.</p>",
            live=False,
        ),
    )
    html = client.get(page.url).text
    assert 'href="tel:111"' in html
    assert html.index("Tổng đài quốc gia") < html.index("Công an")
    assert "88/QĐ-BTTTT" in html
    contact.description = "Miễn phí, 24/7"
    contact.save()
    assert "Miễn phí, 24/7" in client.get(page.url).text


def test_good_deeds_section_lists_stories_and_has_a_feed(client, home):
    section = add_live(
        home, GoodDeedsSectionPage(title="Người tốt, việc tốt", slug="nguoi-tot", live=False)
    )
    story = add_live(
        section,
        GoodDeedStoryPage(
            title="Trả lại ví cho người đánh rơi",
            slug="tra-lai-vi",
            lead="Một người dân trả lại ví.",
            honoree="Anh Nguyễn Văn A",
            place="Phường Ba Đình",
            body=[("paragraph", "<p>Câu chuyện.</p>")],
            live=False,
        ),
    )
    assert story.title in client.get(section.url).text
    feed = client.get(section.url + "rss/")
    assert feed.status_code == 200 and story.title in feed.text
    html = client.get(story.url).text
    assert "Anh Nguyễn Văn A" in html and "Người được biểu dương" in html
    assert GoodDeedStoryPage.can_exist_under(section)
    assert not GoodDeedStoryPage.can_exist_under(SectionPage(title="x"))


@pytest.mark.parametrize(
    "model", [ConductCodePage, SafetyGuidePage, ChildProtectionPage, GoodDeedsSectionPage]
)
def test_admin_create_form_opens_for_each_dedicated_page_type(client, home, model):
    section = factories.make_section(home, "Chuyên mục")
    parent = home if model is GoodDeedsSectionPage else section
    client.force_login(factories.make_user("btv-tao", roles.EDITORS))
    url = reverse("wagtailadmin_pages:add", args=["cms", model._meta.model_name, parent.pk])
    assert client.get(url).status_code == 200


def test_editors_keep_the_help_contacts(client, db):
    HelpContact.objects.create(name="Tổng đài 111", phone="111")
    client.force_login(factories.make_user("btv-lh", roles.EDITORS))
    response = client.get(reverse("wagtailsnippets_cms_helpcontact:list"))
    assert response.status_code == 200
    assert "Tổng đài 111" in response.text


def test_guide_step_images_cost_one_query_for_all_of_them(client, home):
    section = factories.make_section(home, "Kỹ năng an toàn")
    images = [factories.make_image(f"Bước {i}") for i in range(4)]

    def guide(slug, count):
        steps = [
            ("step", {"title": f"Bước {i}", "text": "<p>Làm theo.</p>", "image": images[i]})
            for i in range(count)
        ]
        return add_live(section, SafetyGuidePage(title=slug, slug=slug, steps=steps, live=False))

    one, four = guide("mot-buoc", 1), guide("bon-buoc", 4)
    assert queries_for(client, four.url) == queries_for(client, one.url)
