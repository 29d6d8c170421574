"""Restore a backup made by ``backup_portal``: ``manage.py restore_portal DIR --yes``.

Stop the application servers and the worker first. Replaces the database and the media,
records which ledger entries and citizen reports the restore lost, clears the caches and
verifies the ledger (exit status 1 if it does not verify).
"""

from django.core.management.base import BaseCommand, CommandError

from portal_site.operations.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Restore the database and the media from a backup, clear caches, verify the ledger."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a directory written by backup_portal")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current database without asking"
        )

    def handle(self, *args, backup, yes=False, **options):
        try:
            manifest = read_manifest(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not yes:
            raise CommandError(
                f"This replaces the database and the media with the backup of "
                f"{manifest['created_at']}; everything written since is lost. "
                "Stop the application servers and the worker, then run again with --yes."
            )
        try:
            outcome = restore_backup(backup)
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        head = manifest["ledger_head"]
        self.stdout.write(f"Restored the backup of {manifest['created_at']} ({manifest['name']}).")
        self.stdout.write(f"Ledger head now: #{head['seq']} {head['hash']}")
        if outcome.lost_heads:
            first, last = outcome.lost_heads[0], outcome.lost_heads[-1]
            self.stdout.write(
                f"Lost by this restore: ledger entries #{first['seq']} to #{last['seq']} "
                f"(recorded; verify_ledger --expect-head explains their hashes). Last lost head: "
                f"#{last['seq']} {last['hash']}"
            )
        self.stdout.write(
            f"Citizen reports received after the backup and lost: {outcome.lost_reports}"
        )
        self.stdout.write("Caches cleared.")
        result = outcome.verify
        if not result.ok:
            raise CommandError(f"Ledger verification FAILED after the restore: {result.problem}")
        self.stdout.write(f"Ledger OK: {result.checked} entries checked.")
