"""The ledger's one appender: ``record`` for one event, ``append`` for many (the bulk variant
``generate_articles`` uses); both end in the same chaining step.

1. ``entry_fields`` defines an entry's content once: every field but the chain's (number,
   previous hash, time, hash, signature), cut to its column's length, from facts copied as they
   are now (``actor_facts``, ``page_facts``, ``section_facts``). ``record`` reads those facts (a
   query for the actor, one for the section); the bulk caller passes facts it has read once.
2. ``hashing.content_preimage`` turns those fields into the content part of the hash's
   preimage, once, in Python, for every database.
3. ``append`` chains, signs and inserts. Under the append lock it reads the head, gives each
   entry ``seq``, ``prev_hash`` and ``created_at`` (the database's clock after the lock, never
   before the head's: times only move forward), hashes the chain part followed by the content
   part, signs the hash with the ledger's Ed25519 key (``ledger.signing``: the key never reaches
   the database) and inserts. On PostgreSQL the lock and the head are one call of the PL/pgSQL
   function ``editorial_ledger_lock_head()``, under a transaction-level advisory lock held to the
   end of the caller's transaction (so appends are serialised and the chain has no gaps or
   forks); elsewhere (SQLite, which serialises writers itself) the head is read by the ORM. The
   unique ``prev_hash`` refuses a fork on both. Appending to a ledger whose head is unsigned
   (written before signing existed) first appends the cut-over entry
   ``portal.ledger.signing_started``.
4. Once the transaction commits, the new head is anchored outside the database
   (``ledger.anchors``).

The function is installed by migration (ledger 0003) and again after every ``migrate``; the
table name is ``LedgerEntry._meta.db_table``, written once, in the model.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection as default_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ledger import anchors, hashing
from ledger.context import current_request, user_agent
from portal_site.client_ip import client_ip

__all__ = ["actor_facts", "append", "entry_fields", "page_facts", "record", "section_facts"]

APPEND_LOCK_KEY = 0x6C6564676572  # "ledger"
# In an entry's extra: the number of the entry before it, whose signature did not verify when
# this one was appended.
UNVERIFIED_PREDECESSOR = "unverified_predecessor"
HEAD_FUNCTION = "editorial_ledger_lock_head"
# The chaining functions of earlier versions (before entries were signed, and before that,
# before the ledger became an app of its own): dropped by ``install``.
FUNCTION = "editorial_ledger_append"
OLD_FUNCTIONS = ("jsonb, bytea[]", "jsonb, bigint, bigint, text, text[]")


def table():
    from ledger.models import LedgerEntry

    return LedgerEntry._meta.db_table


def _text(value, limit=None):
    text = str(value or "").replace("\x00", "")
    return text[:limit] if limit else text


def actor_facts(actor):
    """Who the actor is at this moment, copied: id, username, full name, roles, job title.
    Roles: the editorial roles (``settings.LEDGER_ROLE_ORDER``) in that order, else every
    group name in code point order."""
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
        .values_list("groups__name", settings.LEDGER_ACTOR_TITLE_LOOKUP)
    )
    group_names = sorted(name for name, _title in rows if name)
    title = rows[0][1] if rows else ""
    role_order = import_string(settings.LEDGER_ROLE_ORDER)
    roles = [name for name in role_order if name in group_names]
    return {
        "actor_id": actor.pk,
        "actor_username": _text(actor.get_username(), 150),
        "actor_full_name": _text(actor.get_full_name().strip(), 300),
        "actor_roles": _text(", ".join(roles or group_names), 500),
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
    type (stored for a plain Page instance of an article, e.g. from a move)."""
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
        source_type = (
            ArticlePage.objects.filter(pk=page.pk).values_list("source_type", flat=True).first()
        )
    return {
        "section_id": section[0] if section else None,
        "section_title": _text(section[1], 255) if section else "",
        "source_type": _text(source_type, 30),
    }


def canonical_extra(extra):
    """``extra`` as stored: plain JSON types only (dates become strings), no NUL characters,
    one spelling (``hashing.canonical_json``)."""
    plain = json.loads(hashing.canonical_json(extra or {}).decode().replace("\\u0000", ""))
    return hashing.canonical_json(plain).decode()


def entry_fields(
    action,
    *,
    actor,
    page,
    section,
    object_ref=("", "", ""),
    revision_id=None,
    content_sha256="",
    stage="",
    comment="",
    ip_address="",
    user_agent="",
    source_log="",
    extra=None,
):
    """Every content field of an entry (``hashing.CONTENT_FIELDS``), from the copied facts
    (``actor_facts``, ``page_facts``, ``section_facts``): the one definition of what an entry
    holds, for ``record`` and the bulk appender alike."""
    return {
        "action": _text(action, 100),
        **actor,
        **page,
        **section,
        "object_type": _text(object_ref[0], 100),
        "object_id": _text(object_ref[1], 64),
        "object_repr": _text(object_ref[2]),
        "revision_id": revision_id,
        "content_sha256": _text(content_sha256, 64),
        "stage": _text(stage, 255),
        "comment": _text(comment),
        "ip_address": _text(ip_address, 45),
        "user_agent": _text(user_agent),
        "source_log": _text(source_log, 40),
        "extra_json": canonical_extra(extra),
    }


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
    if revision is not None and not isinstance(revision, int) and not content_sha256:
        content_sha256 = hashing.revision_sha256(revision)
    fields = entry_fields(
        action,
        actor=actor_facts(actor),
        page=page_facts(page),
        section=section_facts(page),
        object_ref=object_ref,
        revision_id=getattr(revision, "pk", revision),
        content_sha256=content_sha256,
        stage=stage,
        comment=comment,
        ip_address=client_ip(request) if request is not None else "",
        user_agent=user_agent(request) if request is not None else "",
        source_log=source_log,
        extra=extra,
    )
    return append([fields])[0]


def append(rows, *, returning=True, connection=None):
    """Chain, sign and insert entries (dicts of ``entry_fields``), in order; returns the stored
    entries, or only their number when ``returning`` is false (bulk loads).

    Inside a caller's transaction no savepoint: a failed append fails the whole event. Once the
    transaction commits, the new head is anchored outside the database (``ledger.anchors``)."""
    connection = connection or default_connection
    if not rows:
        return [] if returning else 0
    contents = [hashing.content_preimage(fields) for fields in rows]
    with transaction.atomic(using=connection.alias, savepoint=False):
        if connection.vendor == "postgresql":
            head = _lock_head_postgresql(connection)
        else:
            head = _head_python(connection)
        entries = _chain(head, rows, contents)
        from ledger.models import LedgerEntry

        LedgerEntry.objects.using(connection.alias).bulk_create(entries, batch_size=2000)
        last = entries[-1]
        transaction.on_commit(
            lambda: anchors.write(last.seq, last.entry_hash, last.created_at, last.signature),
            using=connection.alias,
        )
    return entries[-len(rows) :] if returning else len(rows)


def _lock_head_postgresql(connection):
    """One round trip: the append lock (held to the end of the transaction), then the head and
    the database's clock, read after the lock (``HEAD_FUNCTION``)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {HEAD_FUNCTION}()")  # noqa: S608
        seq, entry_hash, created_at, signature, now, legacy = cursor.fetchone()
    return seq or 0, entry_hash or hashing.GENESIS_HASH, created_at, now, legacy, signature or ""


def _head_python(connection):
    """The head, elsewhere (SQLite serialises writers itself)."""
    from ledger.models import LedgerEntry

    entries = LedgerEntry.objects.using(connection.alias)
    head = entries.order_by("-seq").values_list("seq", "entry_hash", "created_at", "signature")
    head = head.first()
    if head is None:
        return 0, hashing.GENESIS_HASH, None, timezone.now(), False, ""
    seq, entry_hash, created_at, signature = head
    legacy = not signature and not entries.exclude(signature="").exists()
    return seq, entry_hash, created_at, timezone.now(), legacy, signature


def _signing_started(legacy_seq, legacy_hash):
    """The cut-over entry: the first signed entry after unsigned ones, naming how many there
    were and the last one's hash (``verify_ledger`` accepts unsigned entries only before it)."""
    from ledger import actions, signing

    return entry_fields(
        actions.SIGNING_STARTED,
        actor=actor_facts(None),
        page=page_facts(None),
        section=section_facts(None),
        extra={
            "legacy_entries": legacy_seq,
            "legacy_head": legacy_hash,
            "public_key": signing.public_key_hex(),
            "algorithm": signing.ALGORITHM,
        },
    )


def _chain(head, rows, contents):
    """Number, link, time, hash and signature of each entry after ``head`` = (number, hash,
    time, clock, legacy, signature). Times never go back: the database's clock read under the
    lock, and never before the head's. After legacy entries (unsigned, and none signed: written
    before signing existed), the cut-over entry comes first. Otherwise the head's signature is
    checked (each signature is checked by the next append): a head without a valid one is
    named in the new entry's ``extra`` (``UNVERIFIED_PREDECESSOR``)."""
    from ledger import signing
    from ledger.models import LedgerEntry

    seq, prev_hash, head_time, now, legacy, head_signature = head
    if legacy:
        marker = _signing_started(seq, prev_hash)
        rows = [marker, *rows]
        contents = [hashing.content_preimage(marker), *contents]
    elif seq and not signing.verify(prev_hash, head_signature):
        # The head was not signed with the ledger's key (a forgery, or its signature removed):
        # chain on (refusing would stop every review) but say so in the signed entry, so that
        # verify_ledger finds it without checking every signature again.
        first = dict(rows[0])
        extra = json.loads(first["extra_json"])
        extra[UNVERIFIED_PREDECESSOR] = seq
        first["extra_json"] = canonical_extra(extra)
        rows = [first, *rows[1:]]
        contents = [hashing.content_preimage(first), *contents[1:]]
    created_at = max(now, head_time) if head_time is not None else now
    key = signing.private_key()
    entries = []
    for fields, content in zip(rows, contents, strict=True):
        seq += 1
        entry_hash = hashing.chained_hash(seq, prev_hash, created_at, content)
        entries.append(
            LedgerEntry(
                seq=seq,
                prev_hash=prev_hash,
                created_at=created_at,
                entry_hash=entry_hash,
                signature=key.sign(signing.message(entry_hash)).hex(),
                **fields,
            )
        )
        prev_hash = entry_hash
    return entries


def _field_sql(name, prefix):
    """SQL text of one field as the hash's preimage spells it (``hashing._field_bytes``)."""
    column = f"{prefix}{name}"
    if name in hashing.TIMESTAMP_FIELDS:
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    if name in hashing.INTEGER_FIELDS:
        return f"coalesce({column}::text, '')"
    return f"coalesce({column}, '')"


def _preimage_sql(names, prefix=""):
    """SQL text of the length-prefixed preimage of ``names``; ``prefix`` qualifies each field
    (``"r."`` for a row variable)."""
    parts = []
    for name in names:
        text = _field_sql(name, prefix)
        parts.append(f"octet_length({text})::text || ':' || {text}")
    return " || ".join(parts)


def hash_sql(prefix=""):
    """SQL of an entry's whole hash from its stored columns (``ledger.verify``)."""
    preimage = _preimage_sql(hashing.HASHED_FIELDS, prefix)
    return f"encode(sha256(convert_to({preimage}, 'UTF8')), 'hex')"


def _head_function_sql():
    table_name = table()
    return f"""
    CREATE OR REPLACE FUNCTION {HEAD_FUNCTION}(
        OUT seq bigint, OUT entry_hash text, OUT created_at timestamptz, OUT signature text,
        OUT now timestamptz, OUT legacy boolean
    ) AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock({APPEND_LOCK_KEY});
        -- A new statement, a new snapshot: the head as committed once the lock is ours.
        SELECT e.seq, e.entry_hash, e.created_at, e.signature
          INTO seq, entry_hash, created_at, signature
          FROM {table_name} e ORDER BY e.seq DESC LIMIT 1;
        now := clock_timestamp();
        -- An unsigned head is legacy only if no entry is signed (rare: read only then).
        legacy := seq IS NOT NULL AND coalesce(signature, '') = '' AND NOT EXISTS (
            SELECT 1 FROM {table_name} s WHERE s.signature <> '');
    END;
    $$ LANGUAGE plpgsql VOLATILE
    """  # noqa: S608 - the table's name only


def install(connection=None):
    """The lock-and-head function; the chaining functions of earlier versions are dropped
    (entries are signed in Python, with a key the database never sees)."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for arguments in OLD_FUNCTIONS:
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}({arguments})")
        cursor.execute(_head_function_sql())


def drop(connection=None):
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for arguments in OLD_FUNCTIONS:
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}({arguments})")
        cursor.execute(f"DROP FUNCTION IF EXISTS {HEAD_FUNCTION}()")
