"""The approval ledger's one entry point: ``record``.

Everything that appends to the ledger goes through ``record``: the capture of Wagtail log
entries (``editorial.ledger.capture``), access changes, exports, and any review code for events
Wagtail does not log. Appends are serialised so the chain has no gaps and no forks (on
PostgreSQL a transaction-level advisory lock, taken inside the one-call append function of
``editorial.ledger.append``; SQLite serialises writers itself); unique ``prev_hash`` makes a
fork impossible even if the lock were bypassed.

One append is one database round trip on PostgreSQL (``editorial_ledger_append``); on SQLite
four queries (actor, section, head, insert).
"""

import json

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from editorial import roles
from editorial.ledger import append, hashing
from editorial.ledger.context import client_ip, current_request, user_agent

__all__ = ["record"]


def _text(value, limit=None):
    text = str(value or "").replace("\x00", "")
    return text[:limit] if limit else text


def actor_facts(actor):
    """Who the actor is at this moment, copied: id, username, full name, roles, job title."""
    if actor is None:
        return {
            "actor_id": None,
            "actor_username": "",
            "actor_full_name": "",
            "actor_roles": "",
            "actor_title": "",
        }
    # One query: the groups and the job title, as they are now.
    rows = list(
        get_user_model()
        ._default_manager.filter(pk=actor.pk)
        .values_list("groups__name", "staff_profile__title")
    )
    group_names = sorted(name for name, _title in rows if name)
    title = rows[0][1] if rows else ""
    editorial_roles = [name for name in roles.ALL_ROLES if name in group_names]
    return {
        "actor_id": actor.pk,
        "actor_username": _text(actor.get_username(), 150),
        "actor_full_name": _text(actor.get_full_name().strip(), 300),
        "actor_roles": _text(", ".join(editorial_roles or group_names), 500),
        "actor_title": _text(title, 255),
    }


def page_facts(page):
    """The page as it is now, copied: id, type, title, URL path."""
    if page is None:
        return {"page_id": None, "page_type": "", "page_title": "", "page_url_path": ""}
    return {
        "page_id": page.pk,
        "page_type": _text((page.specific_class or type(page))._meta.label_lower, 100),
        "page_title": _text(page.title),
        "page_url_path": _text(page.url_path),
    }


def section_facts(page):
    """The page's section (the deepest SectionPage among it and its ancestors) and its source
    type, read from the database (SQLite path; PostgreSQL reads them in the append function)."""
    if page is None:
        return {"section_id": None, "section_title": "", "source_type": ""}
    from cms.models import ArticlePage, SectionPage

    section = (
        SectionPage.objects.ancestor_of(page, inclusive=True)
        .order_by("-depth")
        .values_list("pk", "title")
        .first()
    )
    source_type = getattr(page, "source_type", None)
    if source_type is None and issubclass(page.specific_class or type(page), ArticlePage):
        # A plain Page instance of an article (e.g. from a move): its source type is stored.
        source_type = (
            ArticlePage.objects.filter(pk=page.pk).values_list("source_type", flat=True).first()
        )
    return {
        "section_id": section[0] if section else None,
        "section_title": _text(section[1], 255) if section else "",
        "source_type": _text(source_type, 30),
    }


def _canonical_extra(extra):
    # Plain JSON types only (dates become strings), no NUL characters, one spelling.
    plain = json.loads(hashing.canonical_json(extra or {}).decode().replace("\\u0000", ""))
    return hashing.canonical_json(plain).decode()


def record(
    action,
    *,
    actor,
    page=None,
    revision=None,
    content_sha256=None,
    stage="",
    comment="",
    request=None,
    extra=None,
    obj=None,
    object_ref=None,
    source_log="",
):
    """Append one entry to the ledger and return it.

    ``actor``: the user who acted (None for the system, e.g. scheduled publishing).
    ``page``: the page acted on. ``revision``: the revision concerned, or its id once deleted;
    its content hash is computed unless ``content_sha256`` is given.
    ``obj``: a non-page object (a group, a permission), or ``object_ref``: its
    (type label, id, text) when only those are known.
    ``request``: defaults to the current request, for the IP address and user agent.
    """

    request = request if request is not None else current_request()
    if object_ref is None:
        object_ref = (obj._meta.label_lower, obj.pk, obj) if obj is not None else ("", "", "")
    revision_id = getattr(revision, "pk", revision)
    if revision is not None and not isinstance(revision, int) and not content_sha256:
        content_sha256 = hashing.revision_sha256(revision)
    fields = {
        "action": _text(action, 100),
        "actor_id": actor.pk if actor is not None else None,
        "actor_username": _text(actor.get_username(), 150) if actor is not None else "",
        "actor_full_name": _text(actor.get_full_name().strip(), 300) if actor is not None else "",
        **page_facts(page),
        "object_type": _text(object_ref[0], 100),
        "object_id": _text(object_ref[1], 64),
        "object_repr": _text(object_ref[2]),
        "revision_id": revision_id,
        "content_sha256": _text(content_sha256, 64),
        "stage": _text(stage, 255),
        "comment": _text(comment),
        "ip_address": client_ip(request) if request is not None else "",
        "user_agent": _text(user_agent(request)) if request is not None else "",
        "source_log": _text(source_log, 40),
        "extra_json": _canonical_extra(extra),
    }
    if connection.vendor == "postgresql":
        return _append_postgresql(fields, page)
    return _append_python(fields, actor, page)


def _append_postgresql(fields, page):
    """One round trip. Outside a transaction the statement is its own transaction; inside one,
    the lock is held until it ends (as any other row the event writes)."""
    from editorial.models import LedgerEntry

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {append.FUNCTION}(%s::jsonb, %s, %s, %s, %s)",  # noqa: S608
            [
                json.dumps(fields, ensure_ascii=False),
                fields["actor_id"],
                fields["page_id"],
                page.path if page is not None else None,
                list(roles.ALL_ROLES),
            ],
        )
        columns = [column.name for column in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    names = [field.attname for field in LedgerEntry._meta.concrete_fields]
    return LedgerEntry.from_db(connection.alias, names, [row[name] for name in names])


def _append_python(fields, actor, page):
    from editorial.models import LedgerEntry

    facts = actor_facts(actor)
    fields.update(actor_roles=facts["actor_roles"], actor_title=facts["actor_title"])
    fields.update(section_facts(page))
    # Inside a caller's transaction no savepoint: a failed append fails the whole event.
    with transaction.atomic(savepoint=False):
        head = LedgerEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, hashing.GENESIS_HASH)
        # Microsecond precision is what both databases store.
        fields.update(seq=seq, prev_hash=prev_hash, created_at=timezone.now())
        fields["entry_hash"] = hashing.entry_hash(
            tuple(fields[name] for name in hashing.HASHED_FIELDS)
        )
        return LedgerEntry.objects.create(**fields)
