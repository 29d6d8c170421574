"""The periodic editorial report as a file: per section and per person for a period.

    python manage.py editorial_report --from 2026-01-01 --to 2026-03-31 --format xlsx

Writes to ``--output`` (default ``bao-cao-<from>-<to>.<format>``) and records the export in the
ledger.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ledger import actions, periodic, record


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = "Write the periodic editorial report for a period as XLSX or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", help="File to write (default: bao-cao-FROM-TO.FORMAT)")

    def handle(self, *args, date_from, date_to, format, output=None, **options):
        start, end = _date(date_from), _date(date_to)
        if start > end:
            raise CommandError("--from is after --to")
        report = periodic.build(start, end)
        content = periodic.to_xlsx(report) if format == "xlsx" else periodic.to_csv(report)
        path = Path(output or f"bao-cao-{start}-{end}.{format}")
        path.write_bytes(content)
        record(
            actions.EXPORT,
            actor=None,
            extra={
                "format": format,
                "report": "periodic",
                "via": "manage.py editorial_report",
                "filters": {"date_from": str(start), "date_to": str(end)},
            },
        )
        self.stdout.write(
            f"Wrote {path} ({len(report.sections)} sections, {len(report.people)} people)."
        )
