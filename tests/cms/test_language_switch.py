"""The footer language switcher: two links to ``set_language`` (GET), no form, no CSRF token."""

import html5lib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

SWITCH = "/ngon-ngu/"


def switcher_links(response):
    document = html5lib.parse(response.content, namespaceHTMLElements=False)
    nav = document.find(".//nav[@class='language-switcher']")
    assert nav is not None
    return {a.get("lang"): a for a in nav.iter("a")}


def test_switch_url_keeps_its_name_and_address():
    assert reverse("set_language") == SWITCH


def test_footer_offers_each_language_as_a_link_named_in_that_language(client, home):
    links = switcher_links(client.get("/"))
    assert set(links) == {"vi", "en"}
    assert links["vi"].text == "Tiếng Việt" and links["en"].text == "English"
    for code, link in links.items():
        assert link.get("hreflang") == code
        assert link.get("href") == f"{SWITCH}?language={code}&next=%2F"
    assert links["vi"].get("aria-current") == "true"
    assert links["en"].get("aria-current") is None


def test_switcher_links_return_to_the_page_being_read_and_mark_the_current_language(
    client, news_section
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    links = switcher_links(client.get(news_section.url + "?page=1"))
    assert links["en"].get("aria-current") == "true"
    assert links["vi"].get("aria-current") is None
    next_path = news_section.url.replace("/", "%2F")
    assert links["vi"].get("href") == f"{SWITCH}?language=vi&next={next_path}%3Fpage%3D1"


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(client, news_section):
    for url in ("/", news_section.url, "/tim-kiem/?q=ke+hoach", "/khong-co-trang-nay/"):
        response = client.get(url)
        assert b"csrfmiddlewaretoken" not in response.content, url
        assert not response.cookies, url


def test_a_link_sets_the_language_cookie_and_goes_back_without_being_cached(client, home):
    response = client.get(SWITCH, {"language": "en", "next": "/tin-tuc/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/?page=2"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["path"] == settings.LANGUAGE_COOKIE_PATH
    assert cookie["samesite"] == settings.LANGUAGE_COOKIE_SAMESITE
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert '<html lang="en">' in client.get("/").text


def test_the_cookie_is_secure_when_the_settings_say_so(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_AGE = 3600
    response = client.get(SWITCH, {"language": "vi", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["max-age"] == 3600


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "",
    ],
)
def test_a_next_address_off_the_site_goes_to_the_home_page(client, next_url):
    response = client.get(SWITCH, {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_next_address_on_this_host_is_kept(client):
    response = client.get(SWITCH, {"language": "en", "next": "http://testserver/the/y-te/"})
    assert response["Location"] == "http://testserver/the/y-te/"


@pytest.mark.parametrize("language", ["fr", "", "vi-VN", "EN"])
def test_an_unknown_language_is_refused_in_vietnamese_and_changes_nothing(client, language):
    response = client.get(SWITCH, {"language": language, "next": "/"})
    assert response.status_code == 400
    assert response.content.decode() == "Cổng thông tin không có ngôn ngữ này."
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_refusal_is_in_english_for_a_reader_who_chose_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(SWITCH, {"language": "fr"})
    assert response.content.decode() == "The portal is not available in this language."


def test_post_as_django_s_form_sent_it_still_works(client):
    response = client.post(SWITCH, {"language": "en", "next": "/the/y-te/"})
    assert response.status_code == 302
    assert response["Location"] == "/the/y-te/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_post_still_needs_its_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SWITCH, {"language": "en", "next": "/"})
    assert response.status_code == 403


def test_other_methods_are_not_allowed(client):
    assert client.put(SWITCH).status_code == 405


def test_robots_keep_crawlers_off_the_switch(client):
    assert f"Disallow: {SWITCH}" in client.get("/robots.txt").text
