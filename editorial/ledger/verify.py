"""Recomputing the hash chain: finds the first entry that was altered, removed or inserted."""

from dataclasses import dataclass

from editorial.ledger import hashing

# Plain SQL, read with a server-side cursor on PostgreSQL: a million rows stream in constant memory.
_COLUMNS = ", ".join(hashing.HASHED_FIELDS)


@dataclass
class Result:
    ok: bool
    checked: int
    head_hash: str
    head_seq: int
    bad_seq: int | None = None
    problem: str = ""
    anchor_found: bool | None = None


def _rows(chunk_size):
    from editorial.models import LedgerEntry

    # values_list applies each field's from_db_value (timestamps, JSON) exactly as the ORM would.
    return (
        LedgerEntry.objects.order_by("seq")
        .values_list(*hashing.HASHED_FIELDS, "entry_hash")
        .iterator(chunk_size=chunk_size)
    )


def verify(expect_head=None, chunk_size=20_000):
    """Walk the chain in order. ``expect_head`` is a hash written down earlier: it must still be
    the hash of some entry (a rewritten history cannot reproduce it)."""
    expected_seq = 1
    prev_hash = hashing.GENESIS_HASH
    checked = 0
    anchor_found = None if expect_head is None else False
    compute = hashing.entry_hash
    for row in _rows(chunk_size):
        seq, row_prev, stored = row[0], row[1], row[-1]
        values = row[:-1]
        if seq != expected_seq:
            problem = (
                f"entry #{expected_seq} is missing (removed); the next entry is #{seq}"
                if seq > expected_seq
                else f"entry #{seq} is out of order (inserted)"
            )
            return Result(False, checked, prev_hash, expected_seq - 1, expected_seq, problem)
        if row_prev != prev_hash:
            problem = (
                f"entry #{seq} does not follow entry #{seq - 1}: an entry was removed or "
                "inserted before it"
            )
            return Result(False, checked, prev_hash, seq - 1, seq, problem)
        if compute(values) != stored:
            return Result(False, checked, prev_hash, seq - 1, seq, f"entry #{seq} was altered")
        if anchor_found is False and stored == expect_head:
            anchor_found = True
        prev_hash = stored
        expected_seq += 1
        checked += 1
    result = Result(True, checked, prev_hash, expected_seq - 1, anchor_found=anchor_found)
    if expect_head is not None and not anchor_found:
        result.ok = False
        result.problem = (
            "the expected head hash is not in the chain: history before it was rewritten"
        )
    return result


def head():
    from editorial.models import LedgerEntry

    last = LedgerEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return last or (0, hashing.GENESIS_HASH)
