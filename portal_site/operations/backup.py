"""Backups that restore: the database, the media and the ledger head, in one directory.

A backup directory holds ``manifest.json`` (when, which database engine, the ledger head the
backup holds, how many citizen reports), ``database.dump`` (``pg_dump`` custom format) or
``database.sqlite3`` (SQLite's online backup), and ``media.tar.gz``.

On PostgreSQL the ledger head is read in the same snapshot that ``pg_dump`` dumps
(``pg_export_snapshot``), so the manifest names exactly the head inside the dump.

A restore replaces the database and the media with the backup's, then writes a
``RestoreRecord`` into the restored database naming every ledger entry the database held
before that the backup does not (their hashes may have been written down elsewhere, e.g. by
``verify_ledger --head``: ``verify_ledger --expect-head`` explains them as lost by this
restore instead of reporting a rewritten history), counts the citizen reports received after
the backup (they are lost), clears the caches and verifies the ledger.
"""

# pg_dump and pg_restore are found on PATH (PostgreSQL client tools of the server's version).
# ruff: noqa: S607

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections, transaction

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    pass


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args():
    db = connection.settings_dict
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def ledger_head(using=None):
    """(seq, hash) of the newest ledger entry, or (None, "") for an empty ledger."""
    from ledger.models import LedgerEntry

    entry = LedgerEntry.objects.using(using or "default").order_by("-seq").first()
    return (entry.seq, entry.entry_hash) if entry else (None, "")


def _report_count():
    from citizen_reports.models import HarmfulContentReport

    return HarmfulContentReport.objects.count()


def _media_root():
    return Path(settings.MEDIA_ROOT)


def create_backup(destination, name=None):
    """Write a backup into ``destination/<name>`` and return its directory."""
    created = datetime.now(UTC)
    name = name or created.strftime("%Y%m%dT%H%M%SZ")
    target = Path(destination) / name
    if target.exists():
        raise BackupError(f"{target} exists already")
    target.mkdir(parents=True)
    manifest = {"format": FORMAT, "name": name, "created_at": created.isoformat()}
    try:
        if connection.vendor == "postgresql":
            manifest.update(_dump_postgresql(target))
        elif connection.vendor == "sqlite":
            manifest.update(_dump_sqlite(target))
        else:
            raise BackupError(f"no backup method for {connection.vendor}")
        media = _media_root()
        with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
            if media.is_dir():
                tar.add(media, arcname="media")
        manifest["media"] = "media.tar.gz"
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _dump_postgresql(target):
    db = connection.settings_dict
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        seq, head = ledger_head()
        reports = _report_count()
        result = subprocess.run(  # noqa: S603
            [
                "pg_dump",
                *_pg_args(),
                "--format=custom",
                f"--snapshot={snapshot}",
                "--file",
                str(target / "database.dump"),
                db["NAME"],
            ],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return {
        "engine": "postgresql",
        "database": "database.dump",
        "ledger_head": {"seq": seq, "hash": head},
        "reports": reports,
    }


def _dump_sqlite(target):
    path = target / "database.sqlite3"
    connection.ensure_connection()
    dest = sqlite3.connect(path)
    try:
        connection.connection.backup(dest)
    finally:
        dest.close()
    copy = sqlite3.connect(path)
    try:
        row = copy.execute(
            "SELECT seq, entry_hash FROM editorial_ledgerentry ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        reports = copy.execute("SELECT COUNT(*) FROM editorial_harmfulcontentreport").fetchone()
    finally:
        copy.close()
    return {
        "engine": "sqlite",
        "database": "database.sqlite3",
        "ledger_head": {"seq": row[0] if row else None, "hash": row[1] if row else ""},
        "reports": reports[0],
    }


def read_manifest(backup_dir):
    path = Path(backup_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{path}: not a portal backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    if manifest.get("engine") != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest.get('engine')} database; this one is {connection.vendor}"
        )
    return manifest


@dataclass
class RestoreOutcome:
    manifest: dict
    lost_heads: list
    lost_reports: int
    verify: object
    record: object


def _what_will_be_lost(manifest):
    """Ledger entries and reports in the current database that the backup does not hold."""
    from citizen_reports.models import HarmfulContentReport
    from ledger.models import LedgerEntry

    head_seq = manifest["ledger_head"]["seq"] or 0
    created = datetime.fromisoformat(manifest["created_at"])
    try:
        lost = list(
            LedgerEntry.objects.filter(seq__gt=head_seq)
            .order_by("seq")
            .values_list("seq", "entry_hash")
        )
        reports = HarmfulContentReport.objects.filter(received_at__gt=created).count()
    except Exception:  # noqa: BLE001 (a broken or empty database: nothing to list)
        return [], 0
    return [{"seq": s, "hash": h} for s, h in lost], reports


def restore_backup(backup_dir):
    """Replace the database and the media with the backup's. App servers and the worker must be
    stopped first (docs/operations.md)."""
    from ledger import verify

    from .models import RestoreRecord

    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    lost_heads, lost_reports = _what_will_be_lost(manifest)
    # Earlier restore records (in the current database) stay known after this restore.
    try:
        earlier = [
            {
                "backup_name": r.backup_name,
                "backup_created_at": r.backup_created_at,
                "backup_head_seq": r.backup_head_seq,
                "backup_head_hash": r.backup_head_hash,
                "lost_heads": r.lost_heads,
                "lost_reports": r.lost_reports,
            }
            for r in RestoreRecord.objects.order_by("restored_at")
        ]
    except Exception:  # noqa: BLE001
        earlier = []
    connections.close_all()
    if manifest["engine"] == "postgresql":
        _restore_postgresql(backup_dir / manifest["database"])
    else:
        _restore_sqlite(backup_dir / manifest["database"])
    _restore_media(backup_dir / manifest["media"])

    known = {(r.backup_name, r.backup_created_at) for r in RestoreRecord.objects.all()}
    for row in earlier:
        if (row["backup_name"], row["backup_created_at"]) not in known:
            RestoreRecord.objects.create(**row)
    record = RestoreRecord.objects.create(
        backup_name=manifest["name"],
        backup_created_at=datetime.fromisoformat(manifest["created_at"]),
        backup_head_seq=manifest["ledger_head"]["seq"],
        backup_head_hash=manifest["ledger_head"]["hash"],
        lost_heads=lost_heads,
        lost_reports=lost_reports,
    )
    clear_caches()
    result = verify.verify()
    return RestoreOutcome(manifest, lost_heads, lost_reports, result, record)


def _restore_postgresql(dump):
    db = connection.settings_dict
    result = subprocess.run(  # noqa: S603
        [
            "pg_restore",
            *_pg_args(),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            db["NAME"],
            str(dump),
        ],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed (nothing was changed): {result.stderr.strip()}")


def _restore_sqlite(copy):
    path = Path(connection.settings_dict["NAME"])
    source = sqlite3.connect(copy)
    dest = sqlite3.connect(path)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()


def _restore_media(archive):
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent) as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        restored = Path(tmp) / "media"
        restored.mkdir(exist_ok=True)
        if media.exists():
            aside = media.with_name(
                f"{media.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
            )
            media.rename(aside)
        restored.rename(media)


def clear_caches():
    """Forget every cached page, API response and lookup: they may show what the restored
    database no longer holds (or not yet)."""
    from cms.caching.version import bump_content_version

    for alias in settings.CACHES:
        caches[alias].clear()
    bump_content_version()
