"""Recompute the approval ledger's hash chain.

Exit status 0 with the number of entries checked, 1 naming the first entry that was altered,
removed or inserted. ``--head`` prints the head hash to write down elsewhere (anchoring);
``--expect-head HASH`` also fails unless that hash is still in the chain.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ledger import verify


class Command(BaseCommand):
    help = "Verify the approval ledger's hash chain."

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
            "--engine",
            choices=["auto", "sql", "python"],
            default="auto",
            help="Where hashes are recomputed: in PostgreSQL (auto there) or in Python.",
        )

    def handle(self, *args, head=False, expect_head=None, engine="auto", **options):
        expect = expect_head.strip().lower() if expect_head else None
        if engine == "sql" and connection.vendor != "postgresql":
            raise CommandError("--engine sql needs PostgreSQL.")
        result = verify.verify(expect_head=expect, engine=engine)
        if not result.ok:
            if result.bad_seq is not None:
                raise CommandError(
                    f"Ledger verification FAILED at entry #{result.bad_seq}: {result.problem} "
                    f"({result.checked} entries before it are intact)."
                )
            raise CommandError(f"Ledger verification FAILED: {result.problem}")
        self.stdout.write(f"Ledger OK: {result.checked} entries checked.")
        if expect is not None:
            self.stdout.write("Expected head hash found in the chain.")
        if head:
            self.stdout.write(f"Head: #{result.head_seq} {result.head_hash}")
