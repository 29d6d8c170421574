"""Property test of issue 23: every payload of the public XSS corpus (/work/shared/corpora/xss/),
put through the portal's entry points, leaves every page that shows it answering 200 or a
deliberate 4xx, with no active markup in what a reader receives.

Entry points: an article's title, lead, rich text, quote, table, caption and tags, saved and
published through review; ``import_article``; the search box and listing query parameters;
image title and alt text and document titles (the admin's upload forms); video URLs and captions
(the video block, through the page's edit form); the owning agency (the site setting of every
page's header and footer) and help contacts (snippets of the child-protection page), through
their admin forms; citizen reports, through the public form, and their moderation.
Pages: public page, print view, section, tag page, RSS, API JSON where the field is exposed,
draft view, edit, history, compare, approval trail, ledger report, the admin's image, document,
snippet and settings views, and the report admin's list, search and report page.

CI runs a fixed sample (``PORTAL_HOSTILE_SAMPLE`` payloads, 24 by default, in groups of four:
under a minute for all of ``tests/hostile`` on PostgreSQL); ``make test-hostile`` runs every
payload (``PORTAL_HOSTILE_FULL=1``). Chromium opens a sample in
``tests/browser/test_hostile_content.py``.
"""

import io
import os
import random
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from citizen_reports.models import HarmfulContentReport
from cms.models import (
    AgencySettings,
    ArticlePage,
    ChildProtectionPage,
    HelpContact,
    PortalDocument,
    PortalImage,
)
from cms.models.settings import AgencyLevel
from editorial import roles
from tests import factories
from tests.cms.test_sanitize import CORPUS_LINK_WARNINGS
from tests.editorial.admin import article_data, edit_url
from tests.editorial.conftest import login
from tests.html_safety import active_parts, xss_payloads

FULL = os.environ.get("PORTAL_HOSTILE_FULL") == "1"
SAMPLE = int(os.environ.get("PORTAL_HOSTILE_SAMPLE", "24"))
PER_ARTICLE = 4


def payloads():
    every = xss_payloads()
    if FULL:
        return every
    return random.Random(23).sample(every, min(SAMPLE, len(every)))  # noqa: S311 - a fixed sample


def chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


CHUNKS = chunks(payloads(), PER_ARTICLE)


def answers(client, url, **params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)
    assert response.status_code in (200, 302, 400, 403, 404), (url, response.status_code)
    return response


@pytest.mark.parametrize("group", range(len(CHUNKS)))
def test_payloads_through_every_field_leave_every_view_answering(client, news_section, group):
    payload_group = CHUNKS[group]
    first, *rest = payload_group
    image = factories.make_image("Ảnh")
    article = factories.make_article(
        news_section,
        first[:255] or "x",
        lead="\n".join(payload_group)[:1000],
        live=False,
        tags=[p[:100] for p in payload_group if p.strip()],
        byline=first[:255],
        hero_caption=first[:500],
    )
    article = ArticlePage.objects.get(pk=article.pk)
    article.body = [
        *(("paragraph", f"<p>{p}</p>") for p in payload_group),
        ("paragraph", "".join(payload_group)),
        ("quote", {"text": "\n".join(payload_group), "attribution": first[:255]}),
        ("image", {"image": image, "caption": first[:500], "credit": first[:255]}),
        (
            "table",
            {
                "data": [payload_group, [p[::-1] for p in payload_group]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": first,
            },
        ),
    ]
    article.save_revision()
    first_revision = article.latest_revision_id
    factories.go_live(article, acknowledge=CORPUS_LINK_WARNINGS)
    article = ArticlePage.objects.get(pk=article.pk)
    live_revision = article.live_revision_id

    for url in (article.url, article.url + "ban-in/", news_section.url, news_section.url + "rss/"):
        response = answers(client, url)
        if url == article.url:
            assert active_parts(response.text) == [], url
    for tag in article.tags.all():
        assert tag.slug
        answers(client, f"/the/{tag.slug}/")
    for payload in payload_group:
        answers(client, "/tim-kiem/", q=payload, **{"sap-xep": payload})
        answers(client, news_section.url, p=payload)
        answers(client, "/the/x/", p=payload)

    login(client, factories.make_user("root", superuser=True))
    for url in (
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{article.pk}/view_draft/",
        f"/admin/pages/{article.pk}/history/",
        f"/admin/pages/{article.pk}/revisions/compare/{first_revision}...{live_revision}/",
    ):
        answers(client, url)
    login(client, factories.make_user("kt", roles.AUDITORS))
    answers(client, f"/admin/nhat-ky-duyet/trang/{article.pk}/")
    answers(client, "/admin/nhat-ky-duyet/", q=first)
    answers(client, "/admin/nhat-ky-duyet/", export="csv")


@pytest.mark.parametrize("group", range(len(CHUNKS)))
def test_imported_payloads_open_in_the_admin(client, news_section, tmp_path, group):
    path = tmp_path / "bai.html"
    path.write_text("\n".join(f"<p>{p}</p>" for p in CHUNKS[group]), encoding="utf-8")
    out = io.StringIO()
    try:
        call_command(
            "import_article",
            str(path),
            section=news_section.slug,
            title=CHUNKS[group][0][:255] or "x",
            lead=CHUNKS[group][-1],
            stdout=out,
        )
    except CommandError as refusal:  # a deliberate refusal, in Vietnamese, storing nothing
        assert "không hợp lệ" in str(refusal)
        return
    article = ArticlePage.objects.get(pk=int(out.getvalue()))
    login(client, factories.make_user("root", superuser=True))
    answers(client, f"/admin/pages/{article.pk}/edit/")
    answers(client, f"/admin/pages/{article.pk}/view_draft/")


# --- Media, settings, snippets and citizen reports ------------------------------------------
# Each payload goes in through the admin form that stores it (the public form for reports);
# then every page that shows the field is fetched: the public page, the API where the field is
# exposed, and the admin views of the object.

# Markup that runs script or loads something: a payload holding it must never be found as it
# was sent (unescaped) in a page. Bare tags ("<svg", "<script>") are left out: pages hold them.
EXECUTABLE = re.compile(
    r"<\s*script|<[^>]*[\s/\"'](on[a-z]+|src|href|data|action|formaction|srcdoc|style)\s*=",
    re.IGNORECASE,
)


def shown_inert(response, payloads, *, regions=("main",), allowed=()):
    """No payload with executable markup appears verbatim (unescaped) in ``response``, and the
    HTML ``regions`` that show the fields hold no script-capable element or attribute."""
    text = response.text
    for payload in payloads:
        if len(payload) >= 16 and EXECUTABLE.search(payload):
            assert payload not in text, (response.request["PATH_INFO"], payload)
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        for region in regions:
            found = active_parts(text, region=region, allowed_elements=allowed)
            assert found == [], (response.request["PATH_INFO"], region, found)
    return response


def jpeg_upload(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), (20, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def text_upload(name):
    return SimpleUploadedFile(name, "Thông báo.\n".encode(), content_type="text/plain")


def _short(text, size):
    return text[:size].strip() or "x"


@pytest.mark.parametrize("group", range(len(CHUNKS)))
def test_payloads_in_media_leave_every_view_answering(client, news_section, group):
    """Image alt text and title, document title, video URL and caption (the video block),
    through the admin's upload and page forms; the article that shows them, its API JSON and
    the admin's image and document views."""
    payload_group = CHUNKS[group]
    root = factories.make_user("root", superuser=True)
    login(client, root)
    images, documents = [], []
    for number, payload in enumerate(payload_group):
        response = client.post(
            "/admin/images/add/",
            {"title": _short(payload, 255), "description": _short(payload, 255),
             "file": jpeg_upload(f"anh-{number}.jpg")},
        )  # fmt: skip
        assert response.status_code in (200, 302), response.status_code
        shown_inert(response, [payload], regions=())
        response = client.post(
            "/admin/documents/add/",
            {"title": _short(payload, 255), "file": text_upload(f"van-ban-{number}.txt")},
        )
        assert response.status_code in (200, 302), response.status_code
        shown_inert(response, [payload], regions=())
    images = list(PortalImage.objects.order_by("pk"))
    documents = list(PortalDocument.objects.order_by("pk"))
    # Alt text and titles are text: every upload is accepted (the payload stored as text).
    assert len(images) == len(documents) == len(payload_group)

    article = factories.make_article(news_section, "Bài có ảnh, video, văn bản", live=False)
    # The video block through the edit form: a URL no provider knows is refused, with the
    # form shown again (a deliberate answer, not an error page).
    for payload in payload_group:
        data = article_data(article)
        data = nested_form_data(
            {
                **{k: v for k, v in data.items() if not k.startswith("body")},
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Đoạn văn</p>")),
                        ("video", {"video": payload[:200], "caption": _short(payload, 500)}),
                    ]
                ),
            }
        )
        response = client.post(edit_url(article), data)
        assert response.status_code in (200, 302), response.status_code
        shown_inert(response, [payload], regions=())

    # What the forms let through, and what older or imported content may hold, stored.
    article = ArticlePage.objects.get(pk=article.pk)
    article.hero_image = images[0]
    article.body = [
        ("paragraph", "<p>Đoạn văn</p>"),
        *(("image", {"image": image, "caption": "", "credit": ""}) for image in images),
        *(("document", {"document": document, "title": ""}) for document in documents),
        *(("document", {"document": documents[0], "title": p[:255]}) for p in payload_group),
        *(("video", {"video": p[:200], "caption": p[:500]}) for p in payload_group),
    ]
    article.save_revision()
    first_revision = article.latest_revision_id
    factories.go_live(article, acknowledge=CORPUS_LINK_WARNINGS)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live

    shown_inert(answers(client, article.url), payload_group)
    shown_inert(answers(client, article.url + "ban-in/"), payload_group, regions=("body",))
    shown_inert(answers(client, news_section.url), payload_group)
    for url in (
        f"/api/v1/articles/{article.pk}/",
        f"/api/v2/pages/{article.pk}/",
        *(f"/api/v1/images/{image.pk}/" for image in images),
        *(f"/api/v1/documents/{document.pk}/" for document in documents),
        "/api/v1/images/",
        "/api/v1/documents/",
    ):
        response = answers(client, url)
        assert response.status_code in (200, 404), (url, response.status_code)
    for url in (
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{article.pk}/view_draft/",
        f"/admin/pages/{article.pk}/revisions/compare/{first_revision}...{article.live_revision_id}/",
        "/admin/images/",
        "/admin/documents/",
        *(f"/admin/images/{image.pk}/" for image in images),
        *(f"/admin/documents/edit/{document.pk}/" for document in documents),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
    ):
        shown_inert(answers(client, url), payload_group, regions=())
    for payload in payload_group:
        shown_inert(answers(client, "/admin/images/", q=payload), [payload], regions=())
        shown_inert(answers(client, "/admin/documents/", q=payload), [payload], regions=())


def _agency_data(payloads):
    rotate = [payloads[i % len(payloads)] for i in range(8)]
    return {
        "name": _short(rotate[0], 255),
        "short_name": rotate[1][:100],
        "level": AgencyLevel.COMMUNE,
        "parent_agency": rotate[2][:255],
        "logo": "",
        "portal_name": _short(rotate[3], 255),
        "address": rotate[4][:255],
        "phone": rotate[5][:50],
        "email": "",
        "responsible_person": rotate[6][:255],
        "licence": rotate[7][:255],
    }


@pytest.mark.parametrize("group", range(len(CHUNKS)))
def test_payloads_in_the_agency_and_help_contacts_leave_every_page_answering(
    client, news_section, group
):
    """The owning agency (the site setting shown in every page's header and footer) and help
    contacts (snippets shown on the child-protection page), through their admin forms."""
    payload_group = CHUNKS[group]
    first = payload_group[0]
    child = ChildProtectionPage(
        title="Bảo vệ trẻ em trên mạng", slug=f"bao-ve-tre-em-{group}", live=False
    )
    news_section.add_child(instance=child)
    factories.go_live(child)
    article = factories.make_article(news_section, "Bài viết")

    login(client, factories.make_user("root", superuser=True))
    site = Site.objects.get(is_default_site=True)
    settings_url = f"/admin/settings/cms/agencysettings/{site.pk}/"
    # An e-mail address that is none is refused by the form, with the form shown again.
    response = client.post(settings_url, {**_agency_data(payload_group), "email": first[:254]})
    assert response.status_code in (200, 302), response.status_code
    shown_inert(response, payload_group, regions=())
    response = client.post(settings_url, _agency_data(payload_group))
    assert response.status_code in (200, 302), response.status_code
    shown_inert(response, payload_group, regions=())
    if response.status_code == 200:  # refused by the form: stored as a model save would
        fields = {k: v for k, v in _agency_data(payload_group).items() if k != "logo"}
        AgencySettings.objects.update_or_create(site=site, defaults=fields)
    agency = AgencySettings.objects.get(site=site)
    assert agency.name == _agency_data(payload_group)["name"].strip()
    shown_inert(answers(client, settings_url), payload_group, regions=())

    for number, payload in enumerate(payload_group):
        contact = {
            "name": _short(payload, 255),
            "phone": payload[:50],
            "url": payload[:200],
            "description": payload,
            "sort_order": number,
        }
        response = client.post("/admin/snippets/cms/helpcontact/add/", contact)
        assert response.status_code in (200, 302), response.status_code
        shown_inert(response, [payload], regions=())
        if response.status_code == 200:  # refused (most payloads are no web address)
            response = client.post(
                "/admin/snippets/cms/helpcontact/add/", {**contact, "url": "", "phone": ""}
            )
            assert response.status_code in (200, 302), response.status_code
            shown_inert(response, [payload], regions=())
    assert HelpContact.objects.count() == len(payload_group)
    for contact in HelpContact.objects.all():
        shown_inert(
            answers(client, f"/admin/snippets/cms/helpcontact/edit/{contact.pk}/"),
            payload_group,
            regions=(),
        )
    shown_inert(answers(client, "/admin/snippets/cms/helpcontact/"), payload_group, regions=())

    client.logout()
    chrome = ("body",)  # the header and the site's footer (the first <footer> may be an article's)
    form_parts = {"form", "input", "textarea", "select", "button"}
    for url in (
        "/",
        news_section.url,
        article.url,
        "/tim-kiem/",
        "/phan-anh/",
        "/khong-co-trang-nay/",
    ):
        response = answers(client, url)
        shown_inert(response, payload_group, regions=chrome, allowed=form_parts)
    shown_inert(answers(client, article.url + "ban-in/"), payload_group, regions=("body",))
    shown_inert(answers(client, child.url), payload_group, regions=chrome, allowed=form_parts)
    answers(client, news_section.url + "rss/")


@pytest.mark.parametrize("group", range(len(CHUNKS)))
def test_payloads_in_citizen_reports_leave_the_form_and_the_moderation_queue_answering(
    client, home, settings, group
):
    """Citizen reports through the real public form (/phan-anh/), then the moderators' queue:
    the listing, its search, the report's page, and a moderation saved with the payloads."""
    settings.PORTAL_REPORT_RATE_LIMIT = (10_000, 600)
    cache.clear()
    payload_group = CHUNKS[group]
    form_parts = {"form", "input", "textarea", "select", "button"}
    for number, payload in enumerate(payload_group):
        for link in (payload[:2000], "https://mang-xa-hoi.example.com/bai/1"):
            response = client.post(
                "/phan-anh/",
                {
                    "link": link,
                    "category": "fraud",
                    "description": f"Nội dung xấu độc: {payload}"[:5000],
                    "contact_name": payload[:255],
                    "contact_email": "",
                    "contact_phone": payload[:30],
                },
                REMOTE_ADDR=f"10.23.{group}.{number}",
            )
            assert response.status_code in (200, 400), response.status_code
            shown_inert(response, [payload], allowed=form_parts)
        if response.status_code == 400:  # the phone refused: sent again without it
            response = client.post(
                "/phan-anh/",
                {
                    "link": "https://mang-xa-hoi.example.com/bai/2",
                    "category": "other",
                    "description": f"Nội dung xấu độc: {payload}"[:5000],
                    "contact_name": payload[:255],
                },
                REMOTE_ADDR=f"10.23.{group}.{number}",
            )
            assert response.status_code in (200, 400), response.status_code
            shown_inert(response, [payload], allowed=form_parts)
    reports = list(HarmfulContentReport.objects.all())
    assert reports, "no report was accepted"

    moderator = factories.make_user("tnpa", roles.REPORT_MODERATORS)
    login(client, moderator)
    index = reverse("harmful_content_reports:index")
    shown_inert(answers(client, index), payload_group, regions=())
    for payload in payload_group:
        shown_inert(answers(client, index, q=payload), [payload], regions=())
    for report, payload in zip(reports, payload_group * 2, strict=False):
        url = reverse("harmful_content_reports:edit", args=[report.pk])
        shown_inert(answers(client, url), payload_group, regions=())
        response = client.post(
            url,
            {
                "status": "checking",
                "assignee": moderator.pk,
                "due_at": timezone.localtime(report.due_at).strftime("%Y-%m-%d %H:%M"),
                "forwarded_to": payload[:255],
                "moderator_note": payload,
            },
        )
        assert response.status_code in (200, 302), response.status_code
        shown_inert(response, [payload], regions=())
        shown_inert(answers(client, url), payload_group, regions=())
    shown_inert(answers(client, index), payload_group, regions=())
