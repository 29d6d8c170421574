"""The one HTML allowlist of the portal, and the functions every HTML entry point calls.

Contract: whatever HTML reaches the database goes through ``clean_html`` first (rich text and raw
HTML of pages and their revisions: ``sanitize_page`` / ``sanitize_revision_content``, wired as
``pre_save`` receivers in ``cms.signals``; imported content; the content checks of
``editorial``); whatever a form accepts as plain text goes through ``clean_text``. Nothing else
keeps an allowlist of its own: ``editorial`` imports this module, never the other way round.

The allowlist is what the rich-text editor can produce (``cms.blocks.RICH_TEXT_FEATURES``) in
Wagtail's storage format (``<a linktype="page" id="3">``), plus a few harmless inline tags. No
``style``, no event handler, no ``src``; links may use http, https, mailto and tel only, so
``javascript:`` and ``data:`` URLs are dropped with their attribute. The scheme is read the way a
browser reads it (WHATWG URL: leading controls and spaces stripped, tabs and newlines removed, then
letters up to the first colon) and checked against the allowlist: bleach's own URL parser takes
``javascript:123`` for a host and a port, and keeps it.

Rich text (``clean_rich_text``) is also made what Wagtail's editor can open (``cms.editor_html``):
void elements are written ``<br/>`` as the editor writes them (bleach's ``<br>`` is what the
editor's converter cannot match), malformed links become their text, and a body the editor's
converter rejects is rebuilt from the blocks it holds.
"""

import html
import json
import re

import bleach
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "u", "s", "sub", "sup",
        "ol", "ul", "li", "a", "blockquote", "code", "hr",
    }
)  # fmt: skip
# data-block-key: the editor's anchor for comments on a paragraph; inert.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_URL_REMOVE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(url):
    """The scheme a browser reads in ``url`` (lower case), or "" for a relative URL."""
    match = _SCHEME.match(_URL_REMOVE.sub("", url.strip(_URL_STRIP)))
    return match.group(1).lower() if match else ""


def safe_url(url):
    """True when ``url`` is relative or uses an allowed scheme."""
    scheme = url_scheme(url)
    return not scheme or scheme in ALLOWED_PROTOCOLS


def _allowed_link_attribute(tag, name, value):
    if name == "href":
        return safe_url(value)
    return name in ("title", "linktype", "id", "data-block-key")


ALLOWED_ATTRIBUTES = {"a": _allowed_link_attribute, "*": ["data-block-key"]}

_html_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
# <br/> and <hr/> as Wagtail's editor writes them: its converter reads a bare <br> as an opening
# tag and then fails on the paragraph's end ("Unmatched tags: expected br, got p").
_html_cleaner.serializer.use_trailing_solidus = True
_html_cleaner.serializer.space_before_trailing_solidus = False
_text_cleaner = bleach.Cleaner(tags=set(), attributes={}, strip=True, strip_comments=True)


def clean_html(value):
    """``value`` with every element, attribute and URL outside the allowlist removed."""
    if not value:
        return value or ""
    return _html_cleaner.clean(str(value))


def clean_rich_text(value):
    """``clean_html``, then what Wagtail's editor can open (``cms.editor_html``); stable: applied
    to its own output it changes nothing, so a page and its revision hash alike."""
    from cms.editor_html import editor_safe, fix_links

    cleaned = clean_html(value)
    if not cleaned:
        return cleaned
    fixed = fix_links(cleaned)
    if fixed is not cleaned:
        fixed = clean_html(fixed)
    safe = editor_safe(fixed)
    return fixed if safe is fixed else clean_html(safe)


def clean_text(value):
    """Plain text: tags and comments removed, entities decoded, until nothing changes (so
    ``&lt;script&gt;`` does not come back as a tag after decoding).

    The result is text, not HTML: templates escape it on output like any other string.
    """
    if not value:
        return value or ""
    text = str(value)
    for _round in range(5):
        cleaned = html.unescape(_text_cleaner.clean(text))
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


# --- StreamField walking ---------------------------------------------------------------------
def walk_block_data(block, data, leaf):
    """The raw (JSON) value of ``block`` with ``leaf(block, value)`` applied to every leaf
    block's value (rich text, raw HTML, URLs, image ids...), structure kept."""
    if data is None:
        return data
    if isinstance(block, blocks.StreamBlock):
        walked = []
        for item in data:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                item = {**item, "value": walk_block_data(child, item.get("value"), leaf)}
            walked.append(item)
        return walked
    if isinstance(block, blocks.ListBlock):
        walked = []
        for item in data:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = {**item, "value": walk_block_data(block.child_block, item["value"], leaf)}
            else:
                item = walk_block_data(block.child_block, item, leaf)
            walked.append(item)
        return walked
    if isinstance(block, blocks.StructBlock):
        if not isinstance(data, dict):
            return data
        return {
            name: (
                walk_block_data(block.child_blocks[name], value, leaf)
                if name in block.child_blocks
                else value
            )
            for name, value in data.items()
        }
    return leaf(block, data)


def _clean_leaf(block, value):
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        return clean_rich_text(value)
    if isinstance(block, blocks.RawHTMLBlock) and isinstance(value, str):
        return clean_html(value)
    return value


def _clean_block_data(block, data):
    return walk_block_data(block, data, _clean_leaf)


def stream_raw_data(stream_value):
    """The JSON-ready list behind a StreamField value."""
    return stream_value.stream_block.get_prep_value(stream_value)


def html_fields(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, RichTextField | StreamField):
            yield field


def sanitize_page(page):
    """Clean every rich-text and StreamField value of ``page`` in place. True if any changed."""
    changed = False
    for field in html_fields(type(page)):
        value = getattr(page, field.attname)
        if isinstance(field, RichTextField):
            cleaned = clean_rich_text(value)
            if cleaned != (value or ""):
                setattr(page, field.attname, cleaned)
                changed = True
        elif value is not None and hasattr(value, "stream_block"):
            raw = stream_raw_data(value)
            cleaned = _clean_block_data(field.stream_block, raw)
            if cleaned != raw:
                setattr(page, field.attname, cleaned)
                changed = True
    return changed


def sanitize_revision_content(model, content):
    """Clean the HTML in a revision's serialised ``content`` (a dict) of a ``model`` instance.

    Revisions are what previews, comparisons and later publishing read, so they are cleaned
    like the page row itself. Returns the cleaned dict (the same object when nothing changed).
    """
    if not isinstance(content, dict):
        return content
    cleaned_content = content
    for field in html_fields(model):
        if field.name not in content:
            continue
        value = content[field.name]
        if isinstance(field, RichTextField):
            cleaned = clean_rich_text(value) if isinstance(value, str) else value
        else:
            raw = json.loads(value) if isinstance(value, str) else value
            if not isinstance(raw, list):
                continue
            new = _clean_block_data(field.stream_block, raw)
            cleaned = value if new == raw else (json.dumps(new) if isinstance(value, str) else new)
        if cleaned != value:
            if cleaned_content is content:
                cleaned_content = dict(content)
            cleaned_content[field.name] = cleaned
    return cleaned_content


# Set on a revision by its pre_save (``cms.signals``): the content object that went through
# ``sanitize_revision_content``, so what hashes it right after the save (``editorial.content``)
# need not sanitise it again. Compared by identity: new content is sanitised again.
_SANITISED = "_cms_sanitised_content"


def mark_sanitised(revision):
    revision.__dict__[_SANITISED] = revision.content


def is_sanitised(revision):
    return revision.__dict__.get(_SANITISED) is revision.content
