"""Rich text in the form Wagtail's editor (Draftail) can hold, and links that point somewhere.

Contract: ``editor_safe`` is applied to every rich-text value that is stored (``cms.sanitize``
calls it after the allowlist), so whatever path wrote a body – the admin form, ``import_article``,
the demo, code – the admin's edit and compare views can open it. It parses the value the way the
editor will (Wagtail's contentstate converter) and, when the converter cannot hold it, rebuilds the
text from the blocks the editor knows (paragraphs, headings, lists; bold, italic, links, line
breaks), keeping every word. ``link_problems`` names the rich-text links whose target is
malformed or missing: entry points refuse them; stored ones render as plain text
(``cms.rich_text``). ``cms.editor_widget`` opens in the editor what was stored before.

Imports: Wagtail and ``cms.blocks`` only (``cms.sanitize`` imports this module).
"""

import logging
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

LINK_TYPES = frozenset({"page", "document"})
# A database id: ASCII digits that fit a bigint.
_ID = re.compile(r"[1-9][0-9]{0,17}\Z")

_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_LISTS = {"ul", "ol"}
_INLINE_STYLES = {"b": "b", "strong": "b", "i": "i", "em": "i"}
# Elements whose content starts and ends a paragraph of its own.
_CONTAINERS = {
    "p", "div", "blockquote", "section", "article", "header", "footer", "main", "aside", "nav",
    "figure", "figcaption", "pre", "address", "center", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "dl", "dt", "dd", "hr", "form", "fieldset", "details", "summary",
    "body", "html", "li",
}  # fmt: skip


def _converter(features):
    # Imported here: the converter module loads models, and page models import this module.
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    # A new converter each time: its parser keeps state and is not thread-safe.
    return ContentstateConverter(features)


def _structure_features():
    from cms.blocks import RICH_TEXT_FEATURES

    # Page and document links are checked as external links (``_LINK_OPEN``): their own
    # handlers query the database, and a malformed link is repaired before (``fix_links``).
    return [f for f in RICH_TEXT_FEATURES if f != "document-link"]


# An opening <a> tag, quoted attribute values included (they may hold ">").
_LINK_OPEN = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


def editor_problem(html):
    """``None`` when the editor opens ``html``; otherwise what its converter complained of.

    Links count: a link the HTML parser carried across paragraphs (``<p><a href=#>text</p>``
    continues the link around the next paragraphs) is refused by the converter ("End of block
    reached without closing entity elements"). Every link is checked as an external link to
    "#", which needs no database query and nests exactly as the link does."""
    if not html:
        return None
    probe = _LINK_OPEN.sub('<a href="#">', html) if "<a" in html.lower() else html
    try:
        _converter(_structure_features()).from_database_format(probe)
    except Exception as error:  # noqa: BLE001 - the converter asserts; any failure counts
        return f"{type(error).__name__}: {error}"
    return None


def _link_attributes(element):
    linktype = element.get("linktype")
    if linktype is not None:
        return f' linktype="{escape(linktype)}" id="{escape(element.get("id", ""))}"'
    href = element.get("href")
    return f' href="{escape(href)}"' if href else ""


def _inline(node):
    """The inline HTML of ``node`` as the editor holds it: text, bold, italic, links, breaks."""
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return escape(str(node))
    if not isinstance(node, Tag):
        return ""
    if node.name == "br":
        return "<br/>"
    inner = "".join(_inline(child) for child in node.children)
    if node.name in _INLINE_STYLES and inner.strip():
        tag = _INLINE_STYLES[node.name]
        return f"<{tag}>{inner}</{tag}>"
    if node.name == "a" and inner.strip():
        return f"<a{_link_attributes(node)}>{inner}</a>"
    if node.name in _CONTAINERS or node.name in _HEADINGS or node.name in _LISTS:
        # A block inside a block the editor cannot nest: its words, apart from the neighbours'.
        return f" {inner} "
    return inner


def rebuild(html):
    """``html`` rebuilt from the blocks and inline styles the editor knows; every word kept."""
    soup = BeautifulSoup(html, "html5lib")
    blocks, pending = [], []

    def flush():
        text = re.sub(r"\s+", " ", "".join(pending)).strip()
        pending.clear()
        if text:
            blocks.append(f"<p>{text}</p>")

    def walk(node):
        for child in node.children:
            if not isinstance(child, Tag):
                pending.append(_inline(child))
            elif child.name in _HEADINGS:
                flush()
                text = _inline_children(child)
                if text:
                    blocks.append(f"<{_HEADINGS[child.name]}>{text}</{_HEADINGS[child.name]}>")
            elif child.name in _LISTS:
                flush()
                items = []
                for item in child.children:
                    text = (
                        _inline_children(item) if isinstance(item, Tag) else _inline(item).strip()
                    )
                    if text:
                        items.append(f"<li>{text}</li>")
                if items:
                    blocks.append(f"<{child.name}>{''.join(items)}</{child.name}>")
            elif child.name in _CONTAINERS:
                flush()
                walk(child)
                flush()
            else:
                pending.append(_inline(child))

    walk(soup.body or soup)
    flush()
    return "".join(blocks)


def _inline_children(element):
    return re.sub(r"\s+", " ", "".join(_inline(c) for c in element.children)).strip()


def plain_paragraphs(html):
    """The last resort: the text of ``html``, one paragraph per line of text."""
    text = BeautifulSoup(html, "html5lib").get_text("\n")
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def fix_links(html):
    """``html`` with every rich-text link whose type or id is malformed turned into its text.

    No database query: a well-formed link to a missing target is left for the renderer (which
    shows its text without an address) and refused at entry by ``link_problems``."""
    if "linktype" not in html:
        return html
    soup = BeautifulSoup(html, "html5lib")
    changed = False
    for element in soup.find_all("a", attrs={"linktype": True}):
        if element["linktype"] not in LINK_TYPES or not _ID.match(element.get("id", "")):
            element.unwrap()
            changed = True
    if not changed:
        return html
    return "".join(str(child) for child in soup.body.children)


def link_problems(html):
    """A message for each rich-text link of ``html`` whose type or id is malformed, or whose page
    or document does not exist; [] when every link points somewhere."""
    if not html or "linktype" not in html:
        return []
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    problems, wanted = [], {"page": {}, "document": {}}
    for element in BeautifulSoup(html, "html5lib").find_all("a", attrs={"linktype": True}):
        linktype, id_ = element["linktype"], element.get("id", "")
        text = element.get_text(" ", strip=True)[:80]
        if linktype not in LINK_TYPES:
            problems.append(
                _("The link “%(text)s” has an unknown type “%(type)s”.")
                % {"text": text, "type": linktype[:40]}
            )
        elif not _ID.match(id_):
            problems.append(
                _("The link “%(text)s” points to a malformed id “%(id)s”.")
                % {"text": text, "id": id_[:40]}
            )
        else:
            wanted[linktype][int(id_)] = text
    models = {"page": Page, "document": get_document_model()}
    for linktype, ids in wanted.items():
        if not ids:
            continue
        found = set(models[linktype].objects.filter(pk__in=ids).values_list("pk", flat=True))
        for id_, text in ids.items():
            if id_ not in found:
                message = (
                    _("The link “%(text)s” points to a page that does not exist (id %(id)s).")
                    if linktype == "page"
                    else _(
                        "The link “%(text)s” points to a document that does not exist (id %(id)s)."
                    )
                )
                problems.append(message % {"text": text, "id": id_})
    return problems


def editor_round_trip(html):
    """``html`` as the editor itself would save it: parsed by Wagtail's contentstate converter
    with the portal's rich-text features and written back (for content entering from outside,
    e.g. ``import_article``; what the editor cannot hold is dropped as the editor would)."""
    from cms.blocks import RICH_TEXT_FEATURES

    html = editor_safe(html)
    if not html:
        return html
    converter = _converter(RICH_TEXT_FEATURES)
    return converter.to_database_format(converter.from_database_format(html))


def editor_safe(html):
    """``html`` (already through the allowlist) unchanged when the editor opens it; otherwise
    rebuilt from what the editor holds, or as plain paragraphs when even that fails.
    The caller passes repaired output through the allowlist again (``clean_rich_text``)."""
    if not html or editor_problem(html) is None:
        return html
    problem = editor_problem(html)
    rebuilt = rebuild(html)
    if editor_problem(rebuilt) is None:
        logger.info("Rich text rebuilt for the editor (%s)", problem)
        return rebuilt
    logger.warning("Rich text reduced to plain paragraphs for the editor (%s)", problem)
    return plain_paragraphs(html)
