"""Anchors: the ledger's head, written outside the database after every committed append.

Each anchor is one JSON line appended to ``settings.LEDGER_ANCHOR_FILE``: the head's number, its
hash, its time, its signature (by the key held outside the database, ``ledger.signing``) and when
it was anchored. The file is opened for appending only; when it is created, ``chattr +a`` is tried
so that not even its owner can rewrite it (needs root or CAP_LINUX_IMMUTABLE; where the file
system or the process cannot, the log says so). Every anchor also goes to the process log
(logger ``ledger.anchors``), which a log shipper keeps elsewhere.

``verify_ledger --anchors`` checks the chain against every anchor ever written (``check``): each
anchored entry must still be in the chain with that hash, so a chain rewritten or cut after an
anchor was written is caught even by someone who holds the signing key. The public API serves the
signed head too (``ledger.views.public_head``), so that anyone can pin it.
"""

import json
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ledger import hashing

logger = logging.getLogger("ledger.anchors")


def path():
    value = settings.LEDGER_ANCHOR_FILE
    return Path(value) if value else None


def statement(seq, entry_hash, created_at, signature):
    return {
        "seq": seq,
        "count": seq,  # numbers are gap-free from 1
        "entry_hash": entry_hash,
        "created_at": hashing.format_timestamp(created_at),
        "signature": signature,
    }


def _make_append_only(file_path):
    """``chattr +a`` on a new anchor file, where the system allows it."""
    chattr = shutil.which("chattr")
    if chattr is None:
        logger.warning("chattr not found: anchor file %s is not append-only", file_path)
        return False
    done = subprocess.run(  # noqa: S603 - a fixed program and our own file's path
        [chattr, "+a", str(file_path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        logger.warning(
            "anchor file %s is not append-only (chattr +a: %s)",
            file_path,
            done.stderr.strip() or done.returncode,
        )
        return False
    return True


def write(seq, entry_hash, created_at, signature):
    """Anchor a committed head: one line to the anchor file and to the log. Never raises: the
    event is committed already, and the log line stands for the anchor if the file fails."""
    line = {**statement(seq, entry_hash, created_at, signature)}
    line["anchored_at"] = hashing.format_timestamp(timezone.now())
    text = json.dumps(line, sort_keys=True, separators=(",", ":"))
    logger.info("ledger head %s", text)
    file_path = path()
    if file_path is None:
        return
    try:
        file_path.parent.mkdir(parents=True, exist_ok=True)
        created = not file_path.exists()
        descriptor = os.open(file_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(descriptor, (text + "\n").encode())
        finally:
            os.close(descriptor)
        if created and settings.LEDGER_ANCHOR_APPEND_ONLY:
            _make_append_only(file_path)
    except OSError:
        logger.exception("could not write the ledger anchor to %s", file_path)


def read(file_path):
    """Every anchor of the file, in the order written: (line number, anchor or None if the line
    is not an anchor)."""
    anchors = []
    with open(file_path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            text = text.strip()
            if not text:
                continue
            try:
                anchor = json.loads(text)
                anchor = {
                    "seq": int(anchor["seq"]),
                    "entry_hash": str(anchor["entry_hash"]),
                    "signature": str(anchor.get("signature", "")),
                    "anchored_at": str(anchor.get("anchored_at", "")),
                }
            except (ValueError, KeyError, TypeError):
                anchor = None
            anchors.append((number, anchor))
    return anchors


@dataclass
class AnchorResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    problem: str = ""


def check(file_path):
    """Check the chain against every anchor in ``file_path``: the first anchored entry that is
    missing or differs is named."""
    from ledger import signing
    from ledger.models import LedgerEntry

    anchors = read(file_path)
    keys = signing.public_keys()
    failures = []
    for number, anchor in anchors:
        if anchor is None:
            failures.append((0, f"line {number} of the anchor file is not an anchor"))
            continue
        if anchor["signature"] and not signing.verify_with(
            keys, anchor["entry_hash"], anchor["signature"]
        ):
            failures.append(
                (anchor["seq"], f"the anchor on line {number} is not signed by the ledger key")
            )
    wanted = {anchor["seq"] for _number, anchor in anchors if anchor}
    stored = dict(
        LedgerEntry.objects.filter(seq__in=wanted).values_list("seq", "entry_hash").iterator()
    )
    count = LedgerEntry.objects.count()
    for number, anchor in anchors:
        if anchor is None:
            continue
        seq = anchor["seq"]
        when = anchor["anchored_at"] or f"line {number}"
        if seq not in stored:
            failures.append(
                (
                    seq,
                    f"entry #{seq}, anchored at {when}, is missing: the chain was cut "
                    f"(it has {count} entries)",
                )
            )
        elif stored[seq] != anchor["entry_hash"]:
            failures.append(
                (
                    seq,
                    f"entry #{seq} is not the entry anchored at {when}: the chain was "
                    f"rewritten at or before #{seq}",
                )
            )
    checked = sum(1 for _number, anchor in anchors if anchor)
    if not failures:
        return AnchorResult(True, checked)
    seq, problem = min(failures, key=lambda failure: failure[0])
    return AnchorResult(False, checked, seq or None, problem)
