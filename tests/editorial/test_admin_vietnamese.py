"""Wagtail's admin speaks Vietnamese to the staff by default (portal_site/locale).

Wagtail ships only a small part of its admin in Vietnamese; portal_site/locale completes it.
These tests go through the real admin views as the staff do, with no language chosen (the
default is Vietnamese), and check the catalogue itself: it compiles cleanly, every entry keeps
the placeholders of its msgid, the committed .mo matches the .po, and every msgid still exists
in Wagtail (so an upgrade that renames a string shows up here).
"""

import ast
import gettext
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import django
import pytest
import taggit
import wagtail
from django.conf import settings
from django.urls import reverse

from tests import factories
from tests.editorial.admin import edit_url, messages_of
from tests.editorial.helpers import reload, submit

CATALOGUE_DIR = Path(settings.BASE_DIR) / "portal_site" / "locale"
DOMAINS = ["django", "djangojs"]  # Python's catalogue and the admin's JavaScript one
WAGTAIL_DIR = Path(wagtail.__file__).parent
UPSTREAM_DIRS = [Path(django.__file__).parent / "conf", Path(taggit.__file__).parent]

ENGLISH_LEFT_OVER = re.compile(r">\s*(Save draft|Preview|Publish|Approve|Request changes)\s*<")


def bulk_url(action):
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))


# --- The admin's views, as the staff see them ------------------------------------------------


def test_sign_in_page_in_vietnamese(client, db):
    text = client.get(reverse("wagtailadmin_login")).text
    label = re.search(r'<label[^>]*for="id_password"[^>]*>\s*([^<]+?)\s*<', text).group(1)
    assert label == "Mật khẩu"  # Wagtail's form leaves it unlabelled: portal_site.admin_forms
    for words in ("Đăng nhập", "Quên mật khẩu?", "Ghi nhớ đăng nhập"):
        assert words in text, words


def test_reporter_bulk_publish_is_refused_and_reported_in_vietnamese(client, reporter, draft):
    client.force_login(reporter)
    url = f"{bulk_url('publish')}?id={draft.pk}&next=/admin/"

    confirm = client.get(url)
    assert confirm.status_code == 200
    text = confirm.text
    assert "Bạn không có quyền xuất bản trang đã chọn" in text
    assert "You don&#x27;t have permission" not in text
    assert "You don't have permission" not in text

    response = client.post(url, {}, follow=True)
    assert not reload(draft).live
    messages = messages_of(response)
    assert any("Đã xuất bản 0 trang" in m for m in messages), messages
    assert not any("have been published" in m or "has been published" in m for m in messages)


def test_reporter_edit_view_main_buttons_in_vietnamese(client, news_section, reporter):
    article = factories.make_article(news_section, "Bài của phóng viên", live=False, owner=reporter)
    article.save_revision(user=reporter)
    client.force_login(reporter)
    response = client.get(edit_url(article))
    assert response.status_code == 200
    text = response.text
    assert 'name="action-submit"' in text
    for label in ("Lưu bản nháp", "Gửi duyệt", "Xem trước", "Trạng thái", "Nội dung"):
        assert label in text, label
    assert not ENGLISH_LEFT_OVER.search(text), ENGLISH_LEFT_OVER.search(text)


def test_editor_sees_review_actions_and_queue_in_vietnamese(client, news_section, reporter, editor):
    article = factories.make_article(news_section, "Bài chờ duyệt", live=False, owner=reporter)
    submit(article, reporter)
    client.force_login(editor)

    dashboard = client.get(reverse("wagtailadmin_home")).text
    assert "Đang chờ bạn duyệt" in dashboard
    assert "Bài chờ duyệt" in dashboard
    assert "Awaiting your review" not in dashboard

    text = client.get(edit_url(article)).text
    for label in ("Duyệt", "Yêu cầu chỉnh sửa", "Lưu bản nháp"):
        assert label in text, label
    assert not ENGLISH_LEFT_OVER.search(text), ENGLISH_LEFT_OVER.search(text)

    explorer = client.get(reverse("wagtailadmin_explore", args=[news_section.pk])).text
    for label in ("Tiêu đề", "Cập nhật", "Loại", "Trạng thái"):
        assert label in explorer, label


def test_admin_javascript_catalogue_is_vietnamese(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    for label in ("Đang tự động lưu…", "Các thay đổi đã được tự động lưu.", "Lỗi khi lưu"):
        assert json.dumps(label) in response.text, label  # the catalogue is JSON, ASCII-escaped


# --- The catalogue itself --------------------------------------------------------------------


def parse_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags."""
    entries, entry, key = [], None, None
    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += value
            else:
                entry[key] += value
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                key = int(keyword[7:-1]) if "[" in keyword else 0
                entry["msgstr"][key] = value
            else:
                key = keyword
                entry[key] = value
    return entries


PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sd]|\{\w*\}")


def placeholders(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def po_of(domain):
    return CATALOGUE_DIR / "vi" / "LC_MESSAGES" / f"{domain}.po"


@pytest.fixture(params=DOMAINS)
def domain(request):
    return request.param


@pytest.fixture
def entries(domain):
    return [e for e in parse_po(po_of(domain)) if e["msgid"]]


def test_catalogue_header_is_vietnamese_with_one_plural_form(domain):
    header = next(e for e in parse_po(po_of(domain)) if e["msgid"] == "")["msgstr"][0]
    assert "Language: vi" in header
    assert "Plural-Forms: nplurals=1; plural=0;" in header


def test_catalogue_is_translated_and_keeps_every_placeholder(domain, entries):
    assert len(entries) >= (300 if domain == "django" else 50)
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        assert list(entry["msgstr"]) == [0], entry["msgid"]  # Vietnamese: one form
        translation = entry["msgstr"][0]
        assert translation.strip(), entry["msgid"]
        source = entry.get("msgid_plural", entry["msgid"])
        assert placeholders(translation) == placeholders(source), (entry["msgid"], translation)


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) not installed")
def test_msgfmt_check_passes(domain, tmp_path):
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [MSGFMT, "--check", "-o", str(tmp_path / "out.mo"), str(po_of(domain))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_committed_mo_matches_the_po(domain, entries):
    mo = po_of(domain).with_suffix(".mo")
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries:
        context = entry.get("msgctxt")
        expected = entry["msgstr"][0]
        if "msgid_plural" in entry:
            args = (entry["msgid"], entry["msgid_plural"], 5)
            got = compiled.npgettext(context, *args) if context else compiled.ngettext(*args)
        else:
            got = (
                compiled.pgettext(context, entry["msgid"])
                if context
                else (compiled.gettext(entry["msgid"]))
            )
        assert got == expected, f"{mo} is stale: run `make messages` ({entry['msgid']!r})"


def test_every_msgid_still_exists_upstream(domain, entries):
    """In Wagtail (or, for a few entries, Django or taggit): catches typos and renamed strings."""
    sources = [WAGTAIL_DIR.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")]
    sources += [(p / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po",) for p in UPSTREAM_DIRS]
    known = set()
    for po in itertools.chain.from_iterable(sources):
        if not po.exists():
            continue
        known.update((e.get("msgctxt"), e["msgid"]) for e in parse_po(po))
    stale = [e["msgid"] for e in entries if (e.get("msgctxt"), e["msgid"]) not in known]
    assert not stale, stale


def test_catalogue_is_safe_from_makemessages():
    # Listed (so it outranks Wagtail's catalogues) but not first: makemessages puts strings that
    # belong to no locale directory into LOCALE_PATHS[0], and --no-obsolete would then drop all
    # of these hand-written entries.
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert CATALOGUE_DIR in paths
    assert paths[0] != CATALOGUE_DIR
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    loop = re.search(r"for app in ([^;]+); do", makefile).group(1).split()
    assert "portal_site" not in loop
    assert "msgfmt --check" in makefile
