"""Hashes: of an approved revision's content, and of a ledger entry in the chain.

The content hash is the one review approvals pin (``editorial.content``): the SHA-256 of a
canonical JSON of the revision's content without what changes when nothing a reader sees
changed (tree position, publication bookkeeping, locks, timestamps, approval metadata written
back by the ledger). The title stays in.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


def canonical_json(value):
    """Canonical JSON bytes of an entry's ``extra`` (sorted keys, no spaces)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    ).encode()


def content_sha256(content, model=None):
    """SHA-256 of a page revision's content: the same canonical form and hash that review
    approvals pin (editorial.content), so the ledger's hash of an approved version is the
    approval's own."""
    from cms.models import ArticlePage
    from editorial.content import canonical_json, normalised_content, sha256

    model = model or ArticlePage
    return sha256(canonical_json(normalised_content(model, content or {}), model))


def revision_sha256(revision):
    from editorial.content import revision_content_hash

    return revision_content_hash(revision)


# Fields covered by an entry's hash, in order. The preimage is, for each field, its text
# (None: empty; integers: decimal; the time: UTC ISO 8601 with microseconds and "Z"; ``extra``:
# the canonical JSON stored at insertion) as UTF-8, prefixed with its length in bytes and ":".
# PostgreSQL computes exactly the same bytes in SQL (editorial.ledger.verify), so a million
# entries are checked in the database in seconds; SQLite is checked in Python.
HASHED_FIELDS = (
    "seq",
    "prev_hash",
    "created_at",
    "action",
    "actor_id",
    "actor_username",
    "actor_full_name",
    "actor_roles",
    "actor_title",
    "page_id",
    "page_type",
    "page_title",
    "page_url_path",
    "section_id",
    "section_title",
    "source_type",
    "object_type",
    "object_id",
    "object_repr",
    "revision_id",
    "content_sha256",
    "stage",
    "comment",
    "ip_address",
    "user_agent",
    "source_log",
    "extra_json",
)
TIMESTAMP_FIELDS = frozenset({"created_at"})
INTEGER_FIELDS = frozenset({"seq", "actor_id", "page_id", "section_id", "revision_id"})


def format_timestamp(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _field_bytes(value):
    if value is None:
        return b""
    if isinstance(value, datetime):
        return format_timestamp(value).encode()
    return str(value).encode()


def entry_hash(values):
    """The hash of one entry from its field values (a tuple in ``HASHED_FIELDS`` order)."""
    parts = []
    for value in values:
        data = _field_bytes(value)
        parts.append(b"%d:%s" % (len(data), data))
    return hashlib.sha256(b"".join(parts)).hexdigest()
