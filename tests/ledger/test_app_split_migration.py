"""Upgrading a database of the code before the split (editorial held the ledger, the citizen
reports and the demo) moves nothing but Django's state: the ledger verifies with the same head
and count, its triggers still refuse changes, reports and approvals keep their content, and
permissions follow their models.

The old database is built by the old code itself (``git archive`` of ``BEFORE_SPLIT``:
``migrate`` and ``seed_demo``, plus one citizen report), in a database of its own on the test
server, then this tree's ``migrate`` runs on it. Each step is a subprocess, as a deployment runs
them. Skipped when the commit is not in the repository (a shallow clone).
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

BEFORE_SPLIT = "0f532be"
REPOSITORY = Path(settings.BASE_DIR)

pytestmark = pytest.mark.postgres


def _commit_available():
    if shutil.which("git") is None:
        return False
    found = subprocess.run(  # noqa: S603
        ["git", "cat-file", "-e", f"{BEFORE_SPLIT}^{{commit}}"],  # noqa: S607
        cwd=REPOSITORY,
        capture_output=True,
    )
    return found.returncode == 0


def _server_url(database):
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database}"


def _manage(code_dir, database_url, var_dir, *args):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.dev",
        "PORTAL_VAR_DIR": str(var_dir),
        "PYTHONPATH": str(code_dir),
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=code_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


OLD_CODE_REPORT = """
from editorial.models import HarmfulContentReport
report, _code = HarmfulContentReport.receive(
    link="https://example.com/tin-gia", description="Tin giả về lịch cắt điện",
    category="false_information", contact_name="Nguyễn Thị Hoa",
)
report.status = "checking"
report.save()
"""

NEW_CODE_CHECKS = """
import json
from django.contrib.auth import get_user_model
from citizen_reports.models import HarmfulContentReport
from editorial.models import ReviewApproval
from ledger import record
from ledger.models import LedgerEntry

report = HarmfulContentReport.objects.get()
User = get_user_model()
auditor = User.objects.get(username="kiemtoan")
before = LedgerEntry.objects.count()
record("portal.ledger.export", actor=None, extra={"after": "split"})
print(json.dumps({
    "report": [report.description, report.contact_name, report.status,
               [c.to_status for c in report.status_changes.all()]],
    "approvals": ReviewApproval.objects.count(),
    "auditor_reads_ledger": auditor.has_perm("ledger.view_ledgerentry"),
    "appended": LedgerEntry.objects.count() - before,
}))
"""


def _head(output):
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    seq, head_hash = lines["Head"].split()
    return int(seq.lstrip("#")), head_hash


def test_upgrading_a_database_from_before_the_split_keeps_the_ledger_and_the_reports(tmp_path, db):
    if not _commit_available():
        pytest.skip(f"commit {BEFORE_SPLIT} is not in this repository (shallow clone?)")
    started = time.monotonic()
    old_code = tmp_path / "before-split"
    old_code.mkdir()
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", BEFORE_SPLIT],  # noqa: S607
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    )
    (tmp_path / "old.tar").write_bytes(archive.stdout)
    with tarfile.open(tmp_path / "old.tar") as tar:
        tar.extractall(old_code, filter="data")

    name = f"portal_apps_split_{uuid.uuid4().hex[:8]}"
    admin_url = _server_url("postgres")
    database_url = _server_url(name)
    var_dir = tmp_path / "var"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _manage(old_code, database_url, var_dir, "migrate", "--no-input", "-v0")
        _manage(old_code, database_url, var_dir, "seed_demo", "--password", "x-demo-password")
        _manage(old_code, database_url, var_dir, "shell", "-c", OLD_CODE_REPORT)
        before = _head(_manage(old_code, database_url, var_dir, "verify_ledger", "--head"))
        with psycopg.connect(database_url) as old_db:
            count = old_db.execute("SELECT count(*) FROM editorial_ledgerentry").fetchone()[0]
            approvals = old_db.execute("SELECT count(*) FROM editorial_reviewapproval").fetchone()
        built = time.monotonic()
        assert count == before[0] > 0 and approvals[0] > 0

        _manage(REPOSITORY, database_url, var_dir, "migrate", "--no-input", "-v0")
        verified = _manage(
            REPOSITORY, database_url, var_dir, "verify_ledger", "--head", "--expect-head", before[1]
        )
        assert f"Ledger OK: {count} entries checked." in verified
        # Entries from before signing existed verify as legacy; signing has not started yet.
        assert f"Unsigned legacy entries: {count} (signing has not started yet)." in verified
        assert _head(verified) == before

        with psycopg.connect(database_url) as new_db:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                new_db.execute("UPDATE editorial_ledgerentry SET comment = 'sửa' WHERE seq = 1")
            new_db.rollback()
            moved = new_db.execute(
                "SELECT app_label, model FROM django_content_type"
                " WHERE model IN ('ledgerentry', 'harmfulcontentreport', 'reportstatuschange')"
                " ORDER BY model"
            ).fetchall()
            assert moved == [
                ("citizen_reports", "harmfulcontentreport"),
                ("ledger", "ledgerentry"),
                ("citizen_reports", "reportstatuschange"),
            ]
            grants = new_db.execute(
                "SELECT g.name, ct.app_label, p.codename FROM auth_group g"
                " JOIN auth_group_permissions gp ON gp.group_id = g.id"
                " JOIN auth_permission p ON p.id = gp.permission_id"
                " JOIN django_content_type ct ON ct.id = p.content_type_id"
                " WHERE p.codename IN ('view_ledgerentry', 'view_reporter_contact')"
            ).fetchall()
            assert ("Kiểm tra", "ledger", "view_ledgerentry") in grants
            assert ("Tiếp nhận phản ánh", "citizen_reports", "view_reporter_contact") in grants

        checks = json.loads(
            _manage(REPOSITORY, database_url, var_dir, "shell", "-c", NEW_CODE_CHECKS)
            .strip()
            .splitlines()[-1]
        )
        assert checks == {
            "report": [
                "Tin giả về lịch cắt điện",
                "Nguyễn Thị Hoa",
                "checking",
                ["checking"],
            ],
            "approvals": approvals[0],
            "auditor_reads_ledger": True,
            # The first signed append opens with the cut-over entry (signing started).
            "appended": 2,
        }
        # The new appender continues the old chain, signed (dev settings: the key generated
        # into the var directory on first use), the old entries legacy up to the cut-over.
        assert (var_dir / "ledger-signing.key").stat().st_mode & 0o777 == 0o600
        after = _manage(
            REPOSITORY, database_url, var_dir, "verify_ledger", "--expect-head", before[1]
        )
        assert f"Ledger OK: {count + 2} entries checked." in after
        assert (
            f"Unsigned legacy entries: {count} (before the cut-over at entry #{count + 1})."
            in after
        )
        print(  # noqa: T201 - the run time, for the record (pytest -s)
            f"old database built in {built - started:.1f} s, "
            f"upgraded and checked in {time.monotonic() - built:.1f} s"
        )
    finally:
        # Development settings do not make the anchor file append-only; should they, release it.
        anchor_file = var_dir / "ledger-anchors.jsonl"
        if shutil.which("chattr") and anchor_file.exists():
            subprocess.run(  # noqa: S603
                [shutil.which("chattr"), "-a", str(anchor_file)], check=False, capture_output=True
            )
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
