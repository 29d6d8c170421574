"""Recomputing the hash chain: finds the first entry that was altered, removed or inserted.

On PostgreSQL the database recomputes every hash itself (``sha256`` over the same preimage as
``hashing.entry_hash``) and compares neighbours with window functions: one query, no rows shipped
to Python. Elsewhere, or with ``engine="python"``, the rows are streamed and checked in Python.
Both report the same first bad entry.
"""

from dataclasses import dataclass

from django.db import connection

from ledger import append, hashing


@dataclass
class Result:
    ok: bool
    checked: int
    head_hash: str
    head_seq: int
    bad_seq: int | None = None
    problem: str = ""
    anchor_found: bool | None = None


def _missing(expected, found):
    if found > expected:
        return f"entry #{expected} is missing (removed); the next entry is #{found}"
    return f"entry #{found} is out of order (inserted)"


def _not_following(seq):
    return (
        f"entry #{seq} does not follow entry #{seq - 1}: an entry was removed or inserted before it"
    )


def _altered(seq):
    return f"entry #{seq} was altered"


def _finish(result, expect_head, anchor_found):
    if expect_head is not None:
        result.anchor_found = anchor_found
        if result.ok and not anchor_found:
            result.ok = False
            result.problem = (
                "the expected head hash is not in the chain: history before it was rewritten"
            )
    return result


def verify(expect_head=None, engine="auto", chunk_size=20_000):
    """Walk the chain in order. ``expect_head`` is a hash written down earlier: it must still be
    the hash of some entry (a rewritten history cannot reproduce it)."""
    if engine == "sql" or (engine == "auto" and connection.vendor == "postgresql"):
        return _verify_sql(expect_head)
    return _verify_python(expect_head, chunk_size)


def _verify_python(expect_head, chunk_size):
    from ledger.models import LedgerEntry

    expected_seq = 1
    prev_hash = hashing.GENESIS_HASH
    anchor_found = False
    compute = hashing.entry_hash
    rows = (
        LedgerEntry.objects.order_by("seq")
        .values_list(*hashing.HASHED_FIELDS, "entry_hash")
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        seq, row_prev, stored = row[0], row[1], row[-1]
        checked = expected_seq - 1
        if seq != expected_seq:
            result = Result(False, checked, prev_hash, checked, expected_seq)
            result.problem = _missing(expected_seq, seq)
            result.bad_seq = min(seq, expected_seq)
            return _finish(result, expect_head, anchor_found)
        if row_prev != prev_hash:
            result = Result(False, checked, prev_hash, checked, seq, _not_following(seq))
            return _finish(result, expect_head, anchor_found)
        if compute(row[:-1]) != stored:
            result = Result(False, checked, prev_hash, checked, seq, _altered(seq))
            return _finish(result, expect_head, anchor_found)
        if stored == expect_head:
            anchor_found = True
        prev_hash = stored
        expected_seq += 1
    checked = expected_seq - 1
    return _finish(Result(True, checked, prev_hash, checked), expect_head, anchor_found)


def _verify_sql(expect_head):
    genesis = hashing.GENESIS_HASH
    table = append.table()
    query = f"""
        WITH chain AS (
            SELECT seq, prev_hash, entry_hash,
                   {append.hash_sql()} AS computed,
                   lag(seq) OVER w AS before_seq,
                   lag(entry_hash) OVER w AS before_hash
            FROM {table}
            WINDOW w AS (ORDER BY seq)
        )
        SELECT seq, prev_hash, entry_hash, computed, before_seq, before_hash
        FROM chain
        WHERE seq <> coalesce(before_seq, 0) + 1
           OR prev_hash <> coalesce(before_hash, %s)
           OR computed <> entry_hash
        ORDER BY seq
        LIMIT 1
    """  # noqa: S608 - only field names from hashing.HASHED_FIELDS are interpolated
    with connection.cursor() as cursor:
        cursor.execute(query, [genesis])
        bad = cursor.fetchone()
        anchor_found = False
        if expect_head is not None:
            cursor.execute(
                f"SELECT seq FROM {table} WHERE entry_hash = %s",  # noqa: S608
                [expect_head],
            )
            anchored = cursor.fetchone()
            # Only an anchor inside the verified part of the chain counts.
            anchor_found = anchored is not None and (bad is None or anchored[0] < bad[0])
        if bad is None:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            (count,) = cursor.fetchone()
            cursor.execute(
                f"SELECT seq, entry_hash FROM {table} ORDER BY seq DESC LIMIT 1"  # noqa: S608
            )
            head = cursor.fetchone() or (0, genesis)
            return _finish(Result(True, count, head[1], head[0]), expect_head, anchor_found)
    seq, prev_hash, entry_hash, computed, before_seq, before_hash = bad
    expected = (before_seq or 0) + 1
    checked = expected - 1
    head_hash = before_hash or genesis
    if seq != expected:
        result = Result(False, checked, head_hash, checked, min(seq, expected))
        result.problem = _missing(expected, seq)
    elif prev_hash != head_hash:
        result = Result(False, checked, head_hash, checked, seq, _not_following(seq))
    else:
        result = Result(False, checked, head_hash, checked, seq, _altered(seq))
    return _finish(result, expect_head, anchor_found)


def head():
    from ledger.models import LedgerEntry

    last = LedgerEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return last or (0, hashing.GENESIS_HASH)
