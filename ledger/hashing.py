"""The hash of a ledger entry in the chain: one definition of the bytes an entry's hash covers.

An entry's preimage is, for each field of ``HASHED_FIELDS`` in order, its text (None: empty;
integers: decimal; the time: UTC ISO 8601 with microseconds and "Z"; ``extra``: the canonical
JSON stored at insertion) as UTF-8, prefixed with its length in bytes and ":". The preimage is
the chain part (``CHAIN_FIELDS``: number, previous hash, time, known only under the append lock)
followed by the content part (every other field), which Python computes once per entry
(``content_preimage``) for every appender (``ledger.append``). PostgreSQL computes the chain
part and, to verify, the whole preimage in SQL (``ledger.append.hash_sql``) with the same rules.

The content hash of a page revision (what review approvals pin) is not defined here: the ledger
copies it (``settings.LEDGER_REVISION_HASH``).
"""

import hashlib
import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


def canonical_json(value):
    """Canonical JSON bytes (sorted keys, no spaces, UTF-8): an entry's ``extra``."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    ).encode()


def revision_sha256(revision):
    """The content hash of a page revision as review approvals pin it, by the function
    ``settings.LEDGER_REVISION_HASH`` names (the ledger copies it; it does not define it)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    return import_string(settings.LEDGER_REVISION_HASH)(revision)


# Fields covered by an entry's hash, in order (see the module docstring). PostgreSQL computes
# exactly the same bytes in SQL (ledger.verify), so a million entries are checked in the
# database in seconds; SQLite is checked in Python.
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
CHAIN_FIELDS = HASHED_FIELDS[:3]
CONTENT_FIELDS = HASHED_FIELDS[3:]
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


def preimage(values):
    """The length-prefixed bytes of field values (in ``HASHED_FIELDS`` order)."""
    parts = []
    for value in values:
        data = _field_bytes(value)
        parts.append(b"%d:%s" % (len(data), data))
    return b"".join(parts)


def content_preimage(fields):
    """The content part of an entry's preimage, from a dict with every ``CONTENT_FIELDS``."""
    return preimage(fields[name] for name in CONTENT_FIELDS)


def chained_hash(seq, prev_hash, created_at, content_bytes):
    """An entry's hash from its place in the chain and its ``content_preimage``."""
    return hashlib.sha256(preimage((seq, prev_hash, created_at)) + content_bytes).hexdigest()


def entry_hash(values):
    """The hash of one entry from its field values (a tuple in ``HASHED_FIELDS`` order)."""
    return hashlib.sha256(preimage(values)).hexdigest()
