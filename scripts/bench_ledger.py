"""Benchmark of the approval ledger. Not a test: it prints and writes numbers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_ledger \
        .venv/bin/python scripts/bench_ledger.py

Works in a throw-away test database (``test_<name>``, created and destroyed here), so the
synthetic million-entry chain never touches real data:

1. the database round trips of one ``record()`` and the time it takes per entry (actor, page,
   revision hash, lock and head, hash and Ed25519 signature, insert), the same with the
   signature replaced by a no-op (what signing adds), and the time a two-stage approval +
   publication through the portal's review workflow takes with and without the ledger's capture
   connected;
2. ``verify_ledger`` (chain, times, signatures, review records) over ``BENCH_LEDGER_ENTRIES``
   signed entries bulk-loaded with ``COPY`` (default 100,000; 1,000,000 takes a quarter of an
   hour to generate on this machine).

Writes ``docs/benchmarks-ledger.md``.
"""

import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

ENTRIES = int(os.environ.get("BENCH_LEDGER_ENTRIES", "100000"))
APPENDS = 300
APPROVALS = 40


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def bench_append():
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageLogEntry

    from ledger import capture, record
    from tests import factories

    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    reporter, editor, chief = factories.staff()
    article = factories.make_article(section, "Bài đo", live=False)
    revision = article.save_revision(user=reporter)

    def append():
        # Not a review action: verify_ledger would ask it for its review record.
        return record(
            "portal.review.verification", actor=editor, page=article, revision=revision, stage="x"
        )

    with CaptureQueriesContext(connection) as queries:
        append()
    round_trips = len(queries.captured_queries)

    timings = []
    for _ in range(APPENDS):
        start = time.perf_counter()
        append()
        timings.append(time.perf_counter() - start)

    # What signing adds: the same append signed and with the signature a no-op, alternated so
    # that drifting load cancels out, each in a transaction rolled back (an unsigned entry left
    # in the chain would be one verify_ledger names).
    from django.db import transaction

    from ledger import signing

    class NoSignature:
        def sign(self, data):
            return b""

    class RolledBack(Exception):
        pass

    def timed_in_rollback():
        start = time.perf_counter()
        try:
            with transaction.atomic():
                append()
                elapsed = time.perf_counter() - start
                raise RolledBack
        except RolledBack:
            return elapsed

    # The no-op variant skips both halves of signing: signing the new entry and checking the
    # signature of the head it follows.
    signed, unsigned = [], []
    real_key, real_verify = signing.private_key, signing.verify
    for _ in range(APPENDS):
        signed.append(timed_in_rollback())
        signing.private_key, signing.verify = NoSignature, lambda entry_hash, signature: True
        try:
            unsigned.append(timed_in_rollback())
        finally:
            signing.private_key, signing.verify = real_key, real_verify
    key = signing.private_key()
    sign_times = []
    for number in range(2000):
        data = signing.message(f"{number:064x}")
        start = time.perf_counter()
        key.sign(data)
        sign_times.append(time.perf_counter() - start)

    # The portal's own review workflow: editor review, then the chief editor's sign-off, which
    # publishes. Each cycle appends 3 entries (approval, sign-off, publication).
    workflow = section.get_workflow()

    def approval_cycle(number):
        page = factories.make_article(section, f"Bài {number}", live=False)
        page.save_revision(user=reporter)
        workflow.start(page, reporter)
        start = time.perf_counter()
        for user in (editor, chief):
            page.refresh_from_db()
            state = page.current_workflow_task_state
            state.task.specific.on_action(state.specific, user, "approve", comment="ok")
        return time.perf_counter() - start

    # Alternate with and without the ledger's capture so drifting machine load cancels out.
    with_ledger, without_ledger = [], []
    for number in range(APPROVALS):
        with_ledger.append(approval_cycle(2 * number))
        post_save.disconnect(sender=PageLogEntry, dispatch_uid="ledger.page_log")
        try:
            without_ledger.append(approval_cycle(2 * number + 1))
        finally:
            capture.connect()
    added = (statistics.median(with_ledger) - statistics.median(without_ledger)) / 3
    return {
        "round_trips": round_trips,
        "record_median": statistics.median(timings),
        "record_p95": sorted(timings)[int(0.95 * len(timings)) - 1],
        "record_signed_ab": statistics.median(signed),
        "record_unsigned": statistics.median(unsigned),
        "sign_median": statistics.median(sign_times),
        "approval_with": statistics.median(with_ledger),
        "approval_without": statistics.median(without_ledger),
        "added_per_entry": added,
    }


def bulk_load(count):
    """A valid, signed synthetic chain appended after the existing entries, loaded with COPY
    (times after the head's: they only move forward)."""
    from ledger import hashing, signing
    from ledger.models import LedgerEntry

    head = (
        LedgerEntry.objects.order_by("-seq").values_list("seq", "entry_hash", "created_at").first()
    )
    seq, prev, base = head if head else (0, hashing.GENESIS_HASH, datetime.now(UTC))
    columns = [*hashing.HASHED_FIELDS, "entry_hash", "signature"]
    key = signing.private_key()
    actions = ["wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"]
    start = time.perf_counter()
    cursor = connection.cursor()
    with cursor.cursor.copy(
        f"COPY {LedgerEntry._meta.db_table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608
    ) as copy:
        for number in range(count):
            seq += 1
            page_id = 100_000 + number // 3
            values = (
                seq,
                prev,
                base + timedelta(milliseconds=seq),
                actions[number % 3],
                7,
                "bientap",
                "Nguyễn Văn Biên",
                "Biên tập viên",
                "Biên tập viên chính",
                page_id,
                "cms.articlepage",
                f"Thông báo số {page_id} về kế hoạch tiêm chủng mở rộng",
                f"/trang-chu/tin-tuc/thong-bao-{page_id}/",
                5,
                "Tin tức - Sự kiện",
                "original",
                "",
                "",
                "",
                page_id * 3,
                "ab" * 32,
                "Biên tập",
                "Đạt yêu cầu, chuyển trưởng ban",
                "203.0.113.7",
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                f"bench:{seq}",
                '{"log_uuid":""}',
            )
            digest = hashing.entry_hash(values)
            copy.write_row([*values, digest, key.sign(signing.message(digest)).hex()])
            prev = digest
    return time.perf_counter() - start


def _load(values):
    return " / ".join(f"{value:.2f}" for value in values)


def main():
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL=postgres://...")
    load_before = os.getloadavg()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            pg_version = cursor.fetchone()[0].split(" on ")[0]
        append = bench_append()
        print(append, flush=True)  # noqa: T201
        load_seconds = bulk_load(ENTRIES)
        print(f"loaded in {load_seconds:.1f} s", flush=True)  # noqa: T201
        from ledger import verify

        start = time.perf_counter()
        result = verify.verify()
        verify_seconds = time.perf_counter() - start
        assert result.ok, result.problem  # noqa: S101 - a broken synthetic chain is a bug here
        start = time.perf_counter()
        verify._verify_sql(None)
        chain_seconds = time.perf_counter() - start
        start = time.perf_counter()
        verify.check_signatures()
        signature_seconds = time.perf_counter() - start
        start = time.perf_counter()
        every = verify.check_signatures(every=True)
        every_seconds = time.perf_counter() - start
        assert every.bad_seq is None, every.problem  # noqa: S101
        print(f"verified in {verify_seconds:.1f} s", flush=True)  # noqa: T201
    finally:
        test_name = connection.settings_dict["NAME"]
        try:
            teardown_databases(old_config, verbosity=0)
        except Exception:  # sessions of forked verification workers linger: force it
            import psycopg

            connection.close()
            params = connection.settings_dict
            with psycopg.connect(
                host=params["HOST"] or "127.0.0.1",
                port=params["PORT"] or 5432,
                user=params["USER"] or "postgres",
                dbname="postgres",
                autocommit=True,
            ) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
    load_after = os.getloadavg()
    lines = [
        "# Approval ledger benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `scripts/bench_ledger.py` on "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores (shared), "
        f"Python {platform.python_version()}, {pg_version} on 127.0.0.1. Targets from issues 4 "
        "and 15.",
        f"Load average (1/5/15 min) at the start {_load(load_before)}, at the end "
        f"{_load(load_after)}.",
        "",
        "| Measurement | Result | Target |",
        "|---|---|---|",
        f"| Database round trips per `record()` | {append['round_trips']} | |",
        f"| `record()` per entry, median of {APPENDS} | {ms(append['record_median'])} | < 5 ms |",
        f"| `record()` per entry, 95th percentile | {ms(append['record_p95'])} | |",
        f"| `record()` signed, in a transaction (median of {APPENDS}, alternated with the next) "
        f"| {ms(append['record_signed_ab'])} | |",
        f"| `record()` with signing and the head's check no-ops, in a transaction "
        f"| {ms(append['record_unsigned'])} | |",
        f"| Signing adds per append (difference of these medians) "
        f"| {ms(append['record_signed_ab'] - append['record_unsigned'])} | ≤ 1 ms |",
        f"| One Ed25519 signature (median of 2,000) | {ms(append['sign_median'])} | |",
        f"| Two-stage approval + publication with the ledger (median of {APPROVALS}) "
        f"| {ms(append['approval_with'])} | |",
        f"| The same without the ledger's capture | {ms(append['approval_without'])} | |",
        f"| Added per ledger entry (difference / 3 entries) | {ms(append['added_per_entry'])} "
        "| < 5 ms |",
        f"| Bulk load of {result.checked:,} chained entries (hashing + COPY) "
        f"| {load_seconds:.1f} s | |",
        f"| `verify_ledger` over {result.checked:,} entries (everything) "
        f"| {verify_seconds:.1f} s | |",
        f"| of which the chain, hashes and times in SQL | {chain_seconds:.1f} s | |",
        f"| of which the signatures (a few checks, bisection) | {signature_seconds:.2f} s | |",
        f"| `verify_ledger --all-signatures`: every signature again, {os.cpu_count()} worker "
        f"processes | {every_seconds:.1f} s | |",
        f"| Extrapolated to 1,000,000 entries (linear) "
        f"| {verify_seconds * 1_000_000 / result.checked:.1f} s | < 60 s |",
        "",
    ]
    output = "\n".join(lines)
    (ROOT / "docs" / "benchmarks-ledger.md").write_text(output, encoding="utf-8")
    print(output)  # noqa: T201


if __name__ == "__main__":
    main()
