"""seed_demo builds the whole demo portal, every page of it is served, and it is idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.models import Page, Revision

from cms.models import ArticlePage, HomePage, PortalImage, SectionPage
from editorial import roles

PASSWORD = "demo-password-2026"


def seed(password=PASSWORD):
    out = io.StringIO()
    call_command("seed_demo", password=password, stdout=out)
    return out.getvalue()


def snapshot():
    User = get_user_model()
    return {
        "pages": sorted(Page.objects.values_list("id", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": sorted(PortalImage.objects.values_list("id", "file")),
        "tags": Tag.objects.count(),
        "users": sorted(User.objects.values_list("username", "password")),
    }


@pytest.fixture
def demo(db):
    seed()
    return HomePage.objects.get()


def test_seed_creates_sections_articles_and_one_account_per_role(demo):
    section_titles = set(SectionPage.objects.values_list("title", flat=True))
    assert {
        "Tin tức - Sự kiện",
        "Văn hóa ứng xử trên môi trường mạng",
        "Chính quyền số",
        "Giáo dục",
        "Người tốt, việc tốt",
    } <= section_titles
    assert ArticlePage.objects.live().count() >= 12
    assert ArticlePage.objects.filter(source_type="social_network").exists()
    User = get_user_model()
    for role, username in roles.DEMO_USERNAMES.items():
        user = User.objects.get(username=username)
        assert user.groups.filter(name=role).exists()
        assert user.check_password(PASSWORD)
        assert not user.is_superuser


def test_seed_twice_changes_nothing(demo):
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "phongvien" in output


def test_seed_without_password_prints_a_random_one(db):
    output = seed(password=None)
    line = next(line for line in output.splitlines() if "phongvien" in line)
    printed = line.split()[-1]
    assert len(printed) >= 12
    assert get_user_model().objects.get(username="phongvien").check_password(printed)


def test_seed_refuses_a_short_password(db):
    with pytest.raises(CommandError, match="12"):
        seed(password="short")


def test_every_demo_page_is_served_and_shows_its_title(client, demo):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 20
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.text, page.url
        if isinstance(page, ArticlePage):
            assert page.lead in response.text
            assert client.get(page.url + "ban-in/").status_code == 200
        if isinstance(page, SectionPage):
            assert client.get(page.url + "rss/").status_code == 200
    for tag in Tag.objects.all():
        assert client.get(f"/the/{tag.slug}/").status_code == 200


def test_demo_home_page_has_highlights_sections_and_dedicated_links(client, demo):
    html = client.get("/").text
    assert "Bộ Quy tắc ứng xử văn hóa trên môi trường số" in html  # a highlight
    assert "Bảo vệ trẻ em trên môi trường mạng" in html  # a dedicated section link
    assert "Ủy ban nhân dân phường Ba Đình" in html  # the agency, from settings


def test_demo_search_without_diacritics(client, demo):
    response = client.get("/tim-kiem/", {"q": "uy ban nhan dan"})
    assert "Triển khai kế hoạch nâng cao ý thức" in response.text


def test_demo_has_every_dedicated_section_with_correct_status(client, demo):
    from cms.models import (
        ChildProtectionPage,
        ConductCodePage,
        GoodDeedsSectionPage,
        GoodDeedStoryPage,
        HelpContact,
        SafetyGuidePage,
    )

    old = ConductCodePage.objects.get(instrument_number="874/QĐ-BTTTT")
    new = ConductCodePage.objects.get(instrument_number="423/QĐ-BVHTTDL")
    assert old.replaced_by_id == new.pk and new.is_in_force and not old.is_in_force
    assert "đã được thay thế" in client.get(old.url).text
    assert "còn hiệu lực" in client.get(new.url).text
    assert SafetyGuidePage.objects.live().count() == 4
    child = ChildProtectionPage.objects.live().get()
    assert "88/QĐ-BTTTT" in client.get(child.url).text
    assert HelpContact.objects.filter(phone="111").exists()
    section = GoodDeedsSectionPage.objects.live().get()
    assert GoodDeedStoryPage.objects.child_of(section).live().count() == 2
