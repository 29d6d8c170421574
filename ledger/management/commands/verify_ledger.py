"""Verify the approval ledger.

Exit status 0 with the number of entries checked, 1 naming the first bad entry: one altered,
removed, inserted or backdated (the hash chain and times), one without a valid signature of the
ledger key (``ledger.signing``; unsigned entries pass only before the recorded cut-over, as
legacy), a review entry without the review record it claims, or, with ``--anchors``, an entry
that differs from an anchor written outside the database (``ledger.anchors``). ``--head``
prints the head hash; ``--expect-head HASH`` also fails unless that hash is still in the chain;
when the hash was lost by a restore from backup (``restore_portal`` records the entries it
lost), the failure says so, with exit status 3 instead of 1: the chain is intact, the backup is
older than the head that was written down.
"""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ledger import anchors, verify


class Command(BaseCommand):
    help = "Verify the approval ledger's hash chain, signatures, review records and anchors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--head", action="store_true", help="Print the head (latest) entry's number and hash."
        )
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            help="A head hash written down earlier; fail unless it is still in the chain.",
        )
        parser.add_argument(
            "--anchors",
            nargs="?",
            const="",
            metavar="FILE",
            help="Check the chain against every anchor in FILE (default: LEDGER_ANCHOR_FILE).",
        )
        parser.add_argument(
            "--all-signatures",
            action="store_true",
            help="Verify every entry's signature again (by default a few checks prove them all).",
        )
        parser.add_argument(
            "--engine",
            choices=["auto", "sql", "python"],
            default="auto",
            help="Where hashes are recomputed: in PostgreSQL (auto there) or in Python.",
        )

    def handle(
        self,
        *args,
        head=False,
        expect_head=None,
        anchors=None,
        engine="auto",
        all_signatures=False,
        **options,
    ):
        expect = expect_head.strip().lower() if expect_head else None
        if engine == "sql" and connection.vendor != "postgresql":
            raise CommandError("--engine sql needs PostgreSQL.")
        anchor_file = None
        if anchors is not None:
            anchor_file = Path(anchors) if anchors else _default_anchor_file()
            if not anchor_file.is_file():
                raise CommandError(f"No anchor file at {anchor_file}.")
        result = verify.verify(
            expect_head=expect,
            engine=engine,
            anchor_file=anchor_file,
            every_signature=all_signatures,
        )
        if not result.ok:
            if result.bad_seq is not None:
                raise CommandError(
                    f"Ledger verification FAILED at entry #{result.bad_seq}: {result.problem} "
                    f"({result.checked} entries before it are intact)."
                )
            lost = _lost_by_restore(expect) if result.anchor_found is False else None
            if lost is not None:
                record, seq = lost
                raise CommandError(
                    f"The chain is intact ({result.checked} entries, head #{result.head_seq}), "
                    f"but the expected head #{seq} is not in it: it was lost by the restore of "
                    f"{record.restored_at:%Y-%m-%d %H:%M} UTC from the backup {record.backup_name} "
                    f"(made {record.backup_created_at:%Y-%m-%d %H:%M} UTC, holding entries up to "
                    f"#{record.backup_head_seq}). Entries after #{record.backup_head_seq} written "
                    "before that restore are lost; this is not a rewritten history.",
                    returncode=3,
                )
            raise CommandError(f"Ledger verification FAILED: {result.problem}")
        self.stdout.write(f"Ledger OK: {result.checked} entries checked.")
        if result.legacy:
            where = (
                f"before the cut-over at entry #{result.signed_from}"
                if result.signed_from
                else "signing has not started yet"
            )
            self.stdout.write(f"Unsigned legacy entries: {result.legacy} ({where}).")
        if result.anchors_checked is not None:
            self.stdout.write(f"Anchors checked: {result.anchors_checked}.")
        if expect is not None:
            self.stdout.write("Expected head hash found in the chain.")
        if head:
            self.stdout.write(f"Head: #{result.head_seq} {result.head_hash}")


def _lost_by_restore(head_hash):
    """(restore record, seq) naming ``head_hash`` among the entries a restore lost, or None."""
    if not apps.is_installed("portal_site.operations"):
        return None
    RestoreRecord = apps.get_model("operations", "RestoreRecord")
    for record in RestoreRecord.objects.order_by("-restored_at"):
        for lost in record.lost_heads:
            if lost.get("hash") == head_hash:
                return record, lost.get("seq")
    return None


def _default_anchor_file():
    path = anchors.path()
    if path is None:
        raise CommandError("LEDGER_ANCHOR_FILE is not set: name the anchor file.")
    return path
