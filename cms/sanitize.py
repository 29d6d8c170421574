"""The one HTML allowlist of the portal, and the functions every HTML entry point calls.

Contract: whatever HTML reaches the database goes through ``clean_html`` first (rich text and raw
HTML of pages and their revisions: ``sanitize_page`` / ``sanitize_revision_content``, wired as
``pre_save`` receivers in ``cms.signals``; imported content; the content checks of
``editorial``); whatever a form accepts as plain text goes through ``clean_text``. Nothing else
keeps an allowlist of its own: ``editorial`` imports this module, never the other way round.

The allowlist is what the rich-text editor can produce (``cms.blocks.RICH_TEXT_FEATURES``) in
Wagtail's storage format (``<a linktype="page" id="3">``), plus a few harmless inline tags. No
``style``, no event handler, no ``src``; links may use http, https, mailto and tel only, so
``javascript:`` and ``data:`` URLs are dropped with their attribute.
"""

import html
import json

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
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "linktype", "id"], "*": ["data-block-key"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_html_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
_text_cleaner = bleach.Cleaner(tags=set(), attributes={}, strip=True, strip_comments=True)


def clean_html(value):
    """``value`` with every element, attribute and URL outside the allowlist removed."""
    if not value:
        return value or ""
    return _html_cleaner.clean(str(value))


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
    if isinstance(block, blocks.RichTextBlock | blocks.RawHTMLBlock) and isinstance(value, str):
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
            cleaned = clean_html(value)
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
            cleaned = clean_html(value) if isinstance(value, str) else value
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
