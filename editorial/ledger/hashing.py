"""Hashes: of an approved revision's content, and of a ledger entry in the chain.

The content hash is the SHA-256 of a canonical JSON of ``revision.content`` without the keys that
change when nothing a reader sees changed (tree position, publication bookkeeping, locks,
timestamps, approval metadata written back by the ledger). The title stays in.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64

VOLATILE_CONTENT_KEYS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "owner",
        "content_type",
        "translation_key",
        "locale",
        "alias_of",
        "wagtail_admin_comments",
        "approved_at",
        "approved_by_role",
        "approved_by_name",
    }
)


def canonical_json(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    ).encode()


def content_sha256(content):
    """SHA-256 of a revision's content dictionary, volatile keys left out."""
    stable = {k: v for k, v in (content or {}).items() if k not in VOLATILE_CONTENT_KEYS}
    return hashlib.sha256(canonical_json(stable)).hexdigest()


def revision_sha256(revision):
    return content_sha256(revision.content)


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
