"""Back up the database, the media and the ledger head: ``manage.py backup_portal --to DIR``.

Prints the backup's directory and the ledger head it holds. ``make backup`` writes into
``var/backups``. See docs/operations.md (what a restore loses, point-in-time recovery).
"""

from django.core.management.base import BaseCommand, CommandError

from portal_site.operations.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Back up the database, the media and the ledger head into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="directory that receives the backup")
        parser.add_argument("--name", help="name of the backup (default: the UTC time)")

    def handle(self, *args, to, name=None, **options):
        try:
            target = create_backup(to, name)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        manifest = read_manifest(target)
        head = manifest["ledger_head"]
        self.stdout.write(f"Backup written: {target}")
        self.stdout.write(
            f"Ledger head in the backup: #{head['seq']} {head['hash']}"
            if head["seq"]
            else "Ledger head in the backup: (empty ledger)"
        )
