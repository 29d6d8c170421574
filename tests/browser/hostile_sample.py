"""Run inside the browser tests' server (``manage.py shell``): put a sample of the XSS corpus
into every field an entry point stores, as the portal stores it, and write what was made to a
JSON file. Input: the file ``PORTAL_HOSTILE_IN`` names (a JSON list of payloads); output: the
file ``PORTAL_HOSTILE_OUT`` names.

Content goes live through review (``publish_reviewed``) with the demo's accounts; the image
and document are real files in the server's media folder.
"""

import io
import json
import os

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from cms.models import (
    ArticlePage,
    ChildProtectionPage,
    HelpContact,
    PortalDocument,
    PortalImage,
    SectionPage,
)
from demo.review import publish_reviewed
from editorial.roles import CHIEF_EDITORS, DEMO_USERNAMES, EDITORS, REPORTERS

LINK_WARNINGS = ("link.unknown_domain", "link.shortener")
SECTION_SLUG = "van-hoa-ung-xu-tren-moi-truong-mang"


def short(text, size):
    return text[:size].strip() or "x"


def main():
    with open(os.environ["PORTAL_HOSTILE_IN"], encoding="utf-8") as given:
        payloads = json.load(given)
    users = get_user_model().objects
    author = users.get(username=DEMO_USERNAMES[REPORTERS])
    reviewers = [
        users.get(username=DEMO_USERNAMES[EDITORS]),
        users.get(username=DEMO_USERNAMES[CHIEF_EDITORS]),
    ]

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    images = [
        PortalImage.objects.create(
            title=short(p, 255),
            description=short(p, 255),
            credit=p[:255],
            file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"hostile-{n}.jpg"),
        )
        for n, p in enumerate(payloads)
    ]
    documents = []
    for n, p in enumerate(payloads):
        document = PortalDocument(title=short(p, 255))
        document.file.save(f"hostile-{n}.txt", ContentFile("Thông báo.\n".encode()), save=False)
        document.save()
        documents.append(document)

    section = SectionPage.objects.get(slug=SECTION_SLUG)
    joined = "\n".join(payloads)
    article = ArticlePage(
        title=short(payloads[0], 255),
        slug="bai-thu-noi-dung-doc-hai",
        lead=joined[:1000],
        byline=payloads[-1][:255],
        hero_image=images[0],
        hero_caption=payloads[1 % len(payloads)][:500],
        body=[
            *(("paragraph", f"<p>{p}</p>") for p in payloads),
            ("quote", {"text": joined, "attribution": payloads[0][:255]}),
            *(
                ("image", {"image": i, "caption": p[:500], "credit": ""})
                for i, p in zip(images, payloads, strict=True)
            ),
            *(("document", {"document": d, "title": ""}) for d in documents),
            *(("document", {"document": documents[0], "title": p[:255]}) for p in payloads),
            *(("video", {"video": p[:200], "caption": p[:500]}) for p in payloads),
            (
                "table",
                {
                    "data": [payloads, payloads[::-1]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": payloads[0],
                },
            ),
        ],
        live=False,
    )
    section.add_child(instance=article)
    article.tags.add(*[p[:100] for p in payloads])
    article.save()
    publish_reviewed(article, author=author, reviewers=reviewers, acknowledge=LINK_WARNINGS)
    article = ArticlePage.objects.get(pk=article.pk)
    first = article.live_revision_id
    article.lead = ("Bản nháp: " + joined)[:1000]
    draft = article.save_revision(user=author)

    for n, p in enumerate(payloads):
        HelpContact.objects.create(name=short(p, 255), description=p, sort_order=100 + n)
    child = ChildProtectionPage.objects.live().first()

    with open(os.environ["PORTAL_HOSTILE_OUT"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "article": article.pk,
                "article_url": article.url,
                "section_url": section.url,
                "child_url": child.url if child else None,
                "first_revision": first,
                "draft_revision": draft.pk,
                "images": [i.pk for i in images],
                "documents": [d.pk for d in documents],
                "tags": [t.slug for t in article.tags.all() if t.slug],
            },
            out,
        )


main()
