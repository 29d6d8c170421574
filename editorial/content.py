"""The reviewable content of a page, in one canonical form, and its SHA-256.

Approvals pin this hash, not a revision id: autosave overwrites revisions in place. The
canonical form is the page's ``serializable_data()`` (what a revision stores) without the
fields that change without anyone editing the text: tree position, publication state,
timestamps, locks, ownership, scheduling, comments and primary keys of inline rows.

HTML is hashed as the sanitiser writes it now (a revision's through ``normalised_content``), so
content stored before a change of the sanitiser hashes as it will be stored when it goes live;
void elements count as ``<br>`` whichever way they are stored (the sanitiser wrote ``<br>`` until
it wrote ``<br/>`` for Wagtail's editor), so hashes of review stages and clearances taken before
that change still count.
"""

import functools
import hashlib
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import COMMENTS_RELATION_NAME

# Fields a save may change without changing what readers read.
VOLATILE_FIELDS = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "live_revision",
        "latest_revision",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "owner",
        "content_type",
        "locale",
        "translation_key",
        "alias_of",
        "expired",
        "go_live_at",
        "expire_at",
        # Written by the approval ledger when the page goes live (public accountability).
        "approved_at",
        "approved_by_role",
        "approved_by_name",
        COMMENTS_RELATION_NAME,
    }
)


def _parental_keys(model):
    return {
        relation.get_accessor_name(): relation.field.name
        for relation in get_all_child_relations(model)
    }


def _parsed_json(value):
    """StreamField values serialise to a JSON string whose key order depends on the database
    (PostgreSQL's jsonb reorders keys): compare them parsed, not as text."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# Void elements as the sanitiser wrote them before it wrote ``<br/>`` for Wagtail's editor.
_VOID_SOLIDUS = re.compile(r"<(br|hr)(\s[^<>]*?)?\s*/>")


def _void_as_before(html):
    return _VOID_SOLIDUS.sub(r"<\1\2>", html) if "/>" in html else html


def _html_leaf(block, value):
    from wagtail import blocks

    if isinstance(value, str) and isinstance(block, blocks.RichTextBlock | blocks.RawHTMLBlock):
        return _void_as_before(value)
    return value


@functools.cache
def _html_fields(model):
    """(names of rich-text fields, {name: stream block} of StreamFields) of ``model``."""
    from wagtail.fields import RichTextField

    from cms.sanitize import html_fields

    rich, streams = set(), {}
    for field in html_fields(model) if model is not None else ():
        if isinstance(field, RichTextField):
            rich.add(field.name)
        else:
            streams[field.name] = field.stream_block
    return frozenset(rich), streams


def _html_form(model, key, value):
    """HTML in one canonical form: ``<br>`` whether stored as ``<br>`` (before the sanitiser's
    change) or ``<br/>`` (after), so hashes pinned before the change still count."""
    rich, streams = _html_fields(model)
    if key in rich and isinstance(value, str):
        return _void_as_before(value)
    if key in streams and isinstance(value, list):
        from cms.sanitize import walk_block_data

        return walk_block_data(streams[key], value, _html_leaf)
    return value


def canonical_data(data, model, *, ignore_slug=False):
    """``data`` is a page's serializable_data() or a revision's content."""
    parental_keys = _parental_keys(model)
    result = {}
    for key, value in data.items():
        if key in VOLATILE_FIELDS or (ignore_slug and key == "slug"):
            continue
        value = _html_form(model, key, _parsed_json(value))
        if key in parental_keys and isinstance(value, list):
            drop = {"pk", "id", parental_keys[key]}
            rows = [
                json.dumps(
                    {k: _parsed_json(v) for k, v in row.items() if k not in drop},
                    cls=DjangoJSONEncoder,
                    sort_keys=True,
                )
                for row in value
            ]
            value = sorted(rows)
        result[key] = value
    return result


def content_json(data, model, *, ignore_slug=False):
    """The JSON text whose SHA-256 approvals pin. Its spelling (Python's default separators,
    the rows of inline panels as JSON strings) is fixed by the hashes already pinned: changing
    it would void the clearance of every approved page. Not ``ledger.hashing.canonical_json``,
    which spells a ledger entry's details."""
    return json.dumps(
        canonical_data(data, model, ignore_slug=ignore_slug),
        cls=DjangoJSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
    )


def serializable_content(page):
    """``page.serializable_data()`` (what a revision stores) without the volatile parts, which
    are not even loaded: the publish guard runs on every save of a live page."""
    data = {
        key: value
        for key, value in get_serializable_data_for_fields(page).items()
        if key not in VOLATILE_FIELDS
    }
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        if name in VOLATILE_FIELDS:
            continue
        children = getattr(page, name).all()
        if hasattr(relation.related_model, "serializable_data"):
            data[name] = [child.serializable_data() for child in children]
        else:
            data[name] = [get_serializable_data_for_fields(child) for child in children]
    for field in get_all_child_m2m_relations(page):
        if field.serialize:
            data[field.name] = [child.pk for child in getattr(page, field.name).all()]
    return data


def page_content_json(page, *, ignore_slug=False):
    return content_json(serializable_content(page), type(page), ignore_slug=ignore_slug)


def normalised_content(model, content):
    """A revision's stored ``content`` as a save would store it now: its HTML through the
    sanitiser (``cms.sanitize``), which changes nothing it wrote itself, so only content stored
    before a change of the sanitiser differs (a malformed link made text, a body the editor
    cannot open rebuilt). A page goes through the sanitiser in its own ``pre_save`` before the
    publish guard hashes it; its revision must hash alike, or content cleared by review would
    be refused when it goes live."""
    from cms.sanitize import sanitize_revision_content

    return sanitize_revision_content(model, content) if model is not None else content


def revision_content_json(revision):
    # The content type from Django's cache, not the revision's foreign key (a query each time).
    model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
    # Always normalised, even right after its own save sanitised it: the sanitiser changes
    # nothing it wrote itself, and a hash that depends on where a revision came from would be
    # state carried on the instance.
    return content_json(normalised_content(model, revision.content), model)


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_content_hash(page):
    return sha256(page_content_json(page))


def revision_content_hash(revision):
    return sha256(revision_content_json(revision))
