"""Recomputing the hash chain: finds the first entry that was altered, removed or inserted.

On PostgreSQL the database recomputes every hash itself (``sha256`` over the same preimage as
``hashing.entry_hash``) and compares neighbours with window functions: one query, no rows shipped
to Python. Elsewhere, or with ``engine="python"``, the rows are streamed and checked in Python.
Both report the same first bad entry.
"""

import json
import multiprocessing
import os
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
    legacy: int = 0  # unsigned entries from before signing existed (before the cut-over)
    signed_from: int | None = None  # the first entry that must be signed
    anchors_checked: int | None = None


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


def _backdated(seq):
    return (
        f"entry #{seq} is dated before entry #{seq - 1}: time only moves forward in the ledger "
        "(a backdated or inserted entry)"
    )


def _finish(result, expect_head, anchor_found):
    if expect_head is not None:
        result.anchor_found = anchor_found
        if result.ok and not anchor_found:
            result.ok = False
            result.problem = (
                "the expected head hash is not in the chain: history before it was rewritten"
            )
    return result


def verify(
    expect_head=None, engine="auto", chunk_size=20_000, anchor_file=None, every_signature=False
):
    """Every check, and the first bad entry among them: the chain (numbers, links, hashes,
    times), the signatures (``check_signatures``), the review records review entries claim
    (``check_review_records``) and, with ``anchor_file``, every anchor ever written
    (``ledger.anchors.check``). ``expect_head`` is a hash written down earlier: it must still be
    the hash of some entry (a rewritten history cannot reproduce it)."""
    if engine == "sql" or (engine == "auto" and connection.vendor == "postgresql"):
        result = _verify_sql(expect_head)
    else:
        result = _verify_python(expect_head, chunk_size)
    failures = []
    if not result.ok and result.bad_seq is not None:
        failures.append((result.bad_seq, result.problem))
    limit = result.bad_seq if not result.ok else None
    signatures = check_signatures(limit, chunk_size, every=every_signature)
    result.legacy, result.signed_from = signatures.legacy, signatures.signed_from
    if signatures.bad_seq is not None:
        failures.append((signatures.bad_seq, signatures.problem))
    review = check_review_records(limit)
    if review is not None:
        failures.append(review)
    if anchor_file is not None:
        from ledger import anchors

        anchored = anchors.check(anchor_file)
        result.anchors_checked = anchored.checked
        if not anchored.ok:
            failures.append((anchored.bad_seq or 0, anchored.problem))
    if failures:
        seq, problem = min(failures, key=lambda failure: failure[0])
        result.ok = False
        result.bad_seq = seq or None
        result.problem = problem
        result.checked = max(0, seq - 1) if seq else result.checked
    return result


# --- Signatures ------------------------------------------------------------------------------


@dataclass
class SignatureResult:
    legacy: int
    signed_from: int | None
    bad_seq: int | None = None
    problem: str = ""


def _unsigned(seq, signed_from):
    return (
        f"entry #{seq} is not signed: every entry from #{signed_from} on must carry the ledger "
        "key's signature (written by code without the key, or its signature removed)"
    )


def _bad_signature(seq):
    return (
        f"entry #{seq} has a signature that the ledger key did not make (a forged or rewritten "
        "entry)"
    )


def _first_bad_signature(batch):
    """The first (seq, signed?) of ``batch`` = (raw public keys, [(seq, hash, signature)]) whose
    signature does not verify, or None. Top level: runs in worker processes."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from ledger.signing import message

    raw_keys, rows = batch
    keys = [Ed25519PublicKey.from_public_bytes(raw) for raw in raw_keys]
    first = keys[0]
    for seq, entry_hash, signature in rows:
        if not signature:
            return seq, False
        try:
            raw = bytes.fromhex(signature)
            first.verify(raw, message(entry_hash))
            continue
        except ValueError:
            return seq, True
        except InvalidSignature:
            pass
        for key in keys[1:]:
            try:
                key.verify(raw, message(entry_hash))
                break
            except InvalidSignature:
                continue
        else:
            return seq, True
    return None


def _signature_batches(raw_keys, rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield raw_keys, batch
            batch = []
    if batch:
        yield raw_keys, batch


PARALLEL_FROM = 50_000


def check_signatures(limit=None, chunk_size=20_000, every=False):
    """Every entry from the cut-over on must carry a valid signature. The cut-over is the
    ``portal.ledger.signing_started`` entry (the first signed entry of a ledger that had
    unsigned entries before signing existed; it counts them), else entry #1 as soon as any
    entry is signed; a ledger with no signed entry at all is entirely legacy. ``limit``: stop
    before that entry (a broken chain is reported there). ``every``: verify each signature
    again (``_scan_every_signature``); by default a few checks prove them all
    (``_find_first_unvouched``)."""
    from ledger import actions
    from ledger.models import LedgerEntry

    entries = LedgerEntry.objects.all()
    if limit is not None:
        entries = entries.filter(seq__lt=limit)
    marker = (
        entries.filter(action=actions.SIGNING_STARTED)
        .order_by("seq")
        .values_list("seq", "extra_json")
        .first()
    )
    first_signed = entries.exclude(signature="").order_by("seq").values_list("seq", flat=True)
    first_signed = first_signed.first()
    if marker is not None and first_signed is not None and first_signed < marker[0]:
        # Signed entries before a cut-over: it is not one (entries were signed from the first
        # signed one on).
        marker = None
    if marker is not None:
        signed_from = marker[0]
        legacy = json.loads(marker[1] or "{}").get("legacy_entries")
        if legacy != signed_from - 1:
            return SignatureResult(
                signed_from - 1,
                signed_from,
                signed_from,
                f"entry #{signed_from} started signing after {legacy} unsigned entries, but "
                f"{signed_from - 1} come before it",
            )
    elif first_signed is not None:
        signed_from = 1
    else:
        return SignatureResult(entries.count(), None)
    result = SignatureResult(signed_from - 1, signed_from)
    if every:
        found = _scan_every_signature(entries, signed_from, chunk_size)
    else:
        found = _find_first_unvouched(entries, signed_from)
    if found is not None:
        seq, signed = found
        result.bad_seq = seq
        result.problem = _bad_signature(seq) if signed else _unsigned(seq, signed_from)
    return result


def _scan_every_signature(entries, signed_from, chunk_size):
    """Verify each signature from the cut-over on (``--all-signatures``): in worker processes,
    one per core, for large ledgers. Returns (seq, signed?) of the first bad one, or None."""
    from ledger import signing

    rows = (
        entries.filter(seq__gte=signed_from)
        .order_by("seq")
        .values_list("seq", "entry_hash", "signature")
        .iterator(chunk_size=chunk_size)
    )
    raw_keys = signing.raw_public_keys()
    total = entries.filter(seq__gte=signed_from).count()
    batches = _signature_batches(raw_keys, rows, chunk_size)
    workers = os.cpu_count() or 1
    if total >= PARALLEL_FROM and workers > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            return next((bad for bad in pool.imap(_first_bad_signature, batches) if bad), None)
    return next((bad for bad in map(_first_bad_signature, batches) if bad), None)


def _find_first_unvouched(entries, signed_from):
    """The first entry without a valid signature, from a few signature checks.

    Each entry's signature covers its hash, which covers the hash before it: a valid signature
    of entry *m* vouches for the content of every entry up to *m* once the chain is intact (the
    caller checks the chain first and passes only the intact part). And each append checks the
    signature of the entry it follows, naming it in its own (signed) ``extra`` when it does not
    verify (``ledger.append.UNVERIFIED_PREDECESSOR``). So between two such named entries, entries
    with valid signatures come first and the ones without after them: a bisection finds the first
    bad one in each stretch, checking about log2(n) signatures; the last stretch needs it only
    if the last entry's own signature does not verify. A signature removed from an entry that a
    later valid one vouches for leaves its content proven; ``--all-signatures`` finds it too.
    Returns (seq, signed?) of the first bad entry, or None."""
    from ledger import append, signing

    span = entries.filter(seq__gte=signed_from)
    end = span.order_by("-seq").values_list("seq", flat=True).first()
    if end is None:
        return None
    keys = signing.public_keys()
    checked = {}

    def signature_of(seq):
        if seq not in checked:
            row = span.filter(seq=seq).values_list("entry_hash", "signature").first()
            entry_hash, signature = row
            checked[seq] = (signing.verify_with(keys, entry_hash, signature), bool(signature))
        return checked[seq]

    def first_bad(low, high):
        """The first bad entry of [low, high], where good ones come first and ``high`` is bad."""
        while low < high:
            middle = (low + high) // 2
            if signature_of(middle)[0]:
                low = middle + 1
            else:
                high = middle
        return low

    named = sorted(
        {
            json.loads(extra).get(append.UNVERIFIED_PREDECESSOR)
            for extra in span.filter(
                extra_json__contains=f'"{append.UNVERIFIED_PREDECESSOR}":'
            ).values_list("extra_json", flat=True)
        }
        - {None}
    )
    low = signed_from
    for predecessor in named:
        if predecessor < low:
            continue
        if not signature_of(predecessor)[0]:
            seq = first_bad(low, predecessor)
            return seq, signature_of(seq)[1]
        low = predecessor + 1
    if low <= end and not signature_of(end)[0]:
        seq = first_bad(low, end)
        return seq, signature_of(seq)[1]
    return None


# --- Review records ---------------------------------------------------------------------------


def check_review_records(limit=None):
    """Every review entry names a review record that exists (``settings.LEDGER_REVIEW_RECORDS``:
    for each action, the models and the field of the person): same page, same content hash, same
    person (or a person since deleted). Entries of pages since deleted are not checked (their
    records went with them). Returns (seq, problem) of the first entry without its record."""
    from django.apps import apps
    from django.conf import settings
    from django.db.models import Exists, OuterRef, Q

    from ledger.models import LedgerEntry

    Page = apps.get_model("wagtailcore", "Page")
    found = []
    for action, models in settings.LEDGER_REVIEW_RECORDS.items():
        for label, person in models:
            model = apps.get_model(label)
            record = model._default_manager.filter(
                page_id=OuterRef("page_id"), content_hash=OuterRef("content_sha256")
            ).filter(Q(**{f"{person}_id": OuterRef("actor_id")}) | Q(**{f"{person}__isnull": True}))
            entries = LedgerEntry.objects.filter(action=action).filter(
                Exists(Page.objects.filter(pk=OuterRef("page_id")))
            )
            if limit is not None:
                entries = entries.filter(seq__lt=limit)
            seq = (
                entries.exclude(Exists(record)).order_by("seq").values_list("seq", flat=True)
            ).first()
            if seq is not None:
                found.append(
                    (
                        seq,
                        f"entry #{seq} ({action}) names no {model._meta.object_name} of that "
                        "page, content hash and person: a review that did not happen",
                    )
                )
    return min(found, key=lambda item: item[0]) if found else None


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
    previous_time = None
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
        if previous_time is not None and row[2] < previous_time:
            result = Result(False, checked, prev_hash, checked, seq, _backdated(seq))
            return _finish(result, expect_head, anchor_found)
        previous_time = row[2]
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
                   lag(entry_hash) OVER w AS before_hash,
                   created_at < lag(created_at) OVER w AS backdated
            FROM {table}
            WINDOW w AS (ORDER BY seq)
        )
        SELECT seq, prev_hash, entry_hash, computed, before_seq, before_hash, backdated
        FROM chain
        WHERE seq <> coalesce(before_seq, 0) + 1
           OR prev_hash <> coalesce(before_hash, %s)
           OR computed <> entry_hash
           OR backdated
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
    seq, prev_hash, entry_hash, computed, before_seq, before_hash, backdated = bad
    expected = (before_seq or 0) + 1
    checked = expected - 1
    head_hash = before_hash or genesis
    if seq != expected:
        result = Result(False, checked, head_hash, checked, min(seq, expected))
        result.problem = _missing(expected, seq)
    elif prev_hash != head_hash:
        result = Result(False, checked, head_hash, checked, seq, _not_following(seq))
    elif computed != entry_hash:
        result = Result(False, checked, head_hash, checked, seq, _altered(seq))
    else:
        result = Result(False, checked, head_hash, checked, seq, _backdated(seq))
    return _finish(result, expect_head, anchor_found)


def head():
    from ledger.models import LedgerEntry

    last = LedgerEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return last or (0, hashing.GENESIS_HASH)
