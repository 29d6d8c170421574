"""Builders of real pages, images and users for tests: saved through Wagtail's own API, made
live through review (demo.review), never hand-written rows."""

import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Page, Site

from cms.models import ArticlePage, HomePage, PortalImage, SectionPage, StandardPage
from demo.review import publish_reviewed
from editorial import roles

_counter = itertools.count(1)

TEST_PASSWORD = "correct-horse-battery-staple-42"


def make_user(username, role=None, *, superuser=False, **extra):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=TEST_PASSWORD,
        email=f"{username}@example.gov.vn",
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Test"),
        is_superuser=superuser,
        is_staff=superuser,
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_image(title="Ảnh", *, size=(640, 360), color=(160, 20, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG")
    buffer.seek(0)
    return PortalImage.objects.create(
        title=title,
        description=f"Ảnh minh họa: {title}",
        file=ImageFile(buffer, name=f"test-{next(_counter)}.jpg"),
    )


def make_home():
    """A HomePage as the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage(title="Trang chủ", slug=f"trang-chu-{next(_counter)}", live=False)
    root.add_child(instance=home)
    go_live(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def staff():
    """A reporter, an editor and a chief editor (created once per test)."""
    User = get_user_model()
    found = {u.username: u for u in User.objects.filter(username__in=["pv", "btv", "tb"])}
    return (
        found.get("pv") or make_user("pv", roles.REPORTERS),
        found.get("btv") or make_user("btv", roles.EDITORS),
        found.get("tb") or make_user("tb", roles.CHIEF_EDITORS),
    )


def go_live(page, *, acknowledge=()):
    """Submit ``page`` and have the editor and the chief editor approve it. ``acknowledge``:
    the content-check warnings the reviewers acknowledge (see ``publish_reviewed``); none by
    default, so content with a warning is refused unless the test says so."""
    author, editor, chief = staff()
    return publish_reviewed(page, author=author, reviewers=[editor, chief], acknowledge=acknowledge)


def make_section(parent, title, *, live=True, acknowledge=(), **fields):
    section = SectionPage(title=title, slug=f"section-{next(_counter)}", live=False, **fields)
    parent.add_child(instance=section)
    if live:
        go_live(section, acknowledge=acknowledge)
    return section


def make_standard_page(parent, title, *, live=True, acknowledge=(), **fields):
    page = StandardPage(title=title, slug=f"page-{next(_counter)}", live=False, **fields)
    parent.add_child(instance=page)
    if live:
        go_live(page, acknowledge=acknowledge)
    return page


def make_article(
    section, title, *, live=True, body_text=None, tags=(), image=None, acknowledge=(), **fields
):
    fields.setdefault("lead", f"Tóm tắt: {title}")
    article = ArticlePage(
        title=title,
        slug=f"article-{next(_counter)}",
        body=[("paragraph", f"<p>{body_text or title}</p>")],
        hero_image=image,
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
        article.save()
    if live:
        go_live(article, acknowledge=acknowledge)
    return article
