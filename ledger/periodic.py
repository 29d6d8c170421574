"""The periodic report on implementation: per section and per person, for a period.

Counts articles submitted, published, sent back, rejected and taken down, and the median and
90th percentile of the time from submission to publication; plus publications per week per
section for the chart, and the approvals by freshly empowered accounts (``ledger.freshness``).
Read from the ledger only, so deleted pages and accounts still count.
Used by the admin report and by ``manage.py editorial_report``.
"""

import csv
import io
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledger import actions, freshness
from portal_site.exports import safe_row

ARTICLE_TYPE = "cms.articlepage"
COUNTED = (
    ("submitted", actions.SUBMIT_ACTIONS),
    ("published", actions.PUBLISH_ACTIONS),
    ("sent_back", actions.SENT_BACK_ACTIONS),
    ("rejected", actions.REJECT_ACTIONS),
    ("taken_down", actions.TAKEDOWN_ACTIONS),
)
COLUMNS = (
    ("submitted", _("Submitted")),
    ("published", _("Published")),
    ("sent_back", _("Sent back")),
    ("rejected", _("Rejected")),
    ("taken_down", _("Taken down")),
    ("median_hours", _("Median hours from submission to publication")),
    ("p90_hours", _("90th percentile hours from submission to publication")),
)


@dataclass
class Row:
    key: str
    label: str
    counts: dict = field(default_factory=lambda: defaultdict(set))
    durations: list = field(default_factory=list)

    def value(self, column):
        if column == "median_hours":
            return _hours(statistics.median(self.durations)) if self.durations else None
        if column == "p90_hours":
            return _hours(percentile(self.durations, 90)) if self.durations else None
        return len(self.counts[column])


def _hours(seconds):
    return round(seconds / 3600, 2)


def percentile(values, pct):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


@dataclass
class Report:
    start: datetime
    end: datetime
    sections: list
    people: list
    weeks: list  # [(week start date, {section label: count})]
    section_labels: list
    # Approvals in the period by freshly empowered accounts (``ledger.freshness``):
    # [(entry, [flag labels])].
    fresh_approvals: list = field(default_factory=list)


def period_bounds(date_from, date_to):
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def build(date_from, date_to):
    from ledger.models import LedgerEntry

    start, end = period_bounds(date_from, date_to)
    counted_actions = set().union(*(names for _key, names in COUNTED))
    in_period = list(
        LedgerEntry.objects.filter(
            created_at__gte=start,
            created_at__lt=end,
            action__in=counted_actions,
            page_type=ARTICLE_TYPE,
        )
        .order_by("seq")
        .values(
            "seq",
            "action",
            "page_id",
            "created_at",
            "section_id",
            "section_title",
            "actor_id",
            "actor_username",
            "actor_full_name",
        )
    )
    page_ids = {entry["page_id"] for entry in in_period}
    # Submissions may predate the period: read the whole history of the pages concerned.
    history = defaultdict(list)
    for entry in (
        LedgerEntry.objects.filter(
            page_id__in=page_ids,
            created_at__lt=end,
            action__in=actions.SUBMIT_ACTIONS | actions.PUBLISH_ACTIONS,
        )
        .order_by("seq")
        .values(
            "seq",
            "action",
            "page_id",
            "created_at",
            "actor_id",
            "actor_username",
            "actor_full_name",
        )
    ):
        history[entry["page_id"]].append(entry)

    sections, people = {}, {}
    weeks = defaultdict(lambda: defaultdict(int))
    section_labels = {}

    def section_row(entry):
        key = str(entry["section_id"] or "")
        label = entry["section_title"] or str(_("(no section)"))
        section_labels[key] = label
        return sections.setdefault(key, Row(key, label))

    def person_row(key, username, full_name):
        label = full_name or username or str(_("(system)"))
        return people.setdefault(str(key or ""), Row(str(key or ""), label))

    for entry in in_period:
        for column, names in COUNTED:
            if entry["action"] in names:
                section_row(entry).counts[column].add(entry["page_id"])
                person_row(
                    entry["actor_id"], entry["actor_username"], entry["actor_full_name"]
                ).counts[column].add(entry["page_id"])
        if entry["action"] in actions.PUBLISH_ACTIONS:
            local = timezone.localtime(entry["created_at"]).date()
            week = local - timedelta(days=local.weekday())
            weeks[week][section_row(entry).label] += 1
            submission = _submission_before(history[entry["page_id"]], entry["seq"])
            if submission is not None:
                seconds = (entry["created_at"] - submission["created_at"]).total_seconds()
                section_row(entry).durations.append(seconds)
                person_row(
                    submission["actor_id"],
                    submission["actor_username"],
                    submission["actor_full_name"],
                ).durations.append(seconds)

    approvals = list(
        LedgerEntry.objects.filter(
            created_at__gte=start, created_at__lt=end, action__in=actions.APPROVAL_ACTIONS
        ).order_by("seq")
    )
    flags = freshness.approver_flags(approvals)
    fresh_approvals = [
        (entry, freshness.labels(flags[entry.seq])) for entry in approvals if entry.seq in flags
    ]

    return Report(
        fresh_approvals=fresh_approvals,
        start=start,
        end=end,
        sections=sorted(sections.values(), key=lambda row: row.label),
        people=sorted(people.values(), key=lambda row: row.label),
        weeks=sorted((week, dict(counts)) for week, counts in weeks.items()),
        section_labels=sorted(set(section_labels.values())),
    )


def _submission_before(page_history, publish_seq):
    """The first submission after the publication before this one: when the work was handed in."""
    submission = None
    for entry in page_history:
        if entry["seq"] >= publish_seq:
            break
        if entry["action"] in actions.PUBLISH_ACTIONS:
            submission = None
        elif submission is None:
            submission = entry
    return submission


def table(report):
    """Rows for export: scope, name, then every column."""
    header = [str(_("Scope")), str(_("Name")), *(str(label) for _key, label in COLUMNS)]
    rows = []
    for scope, items in ((_("Section"), report.sections), (_("Person"), report.people)):
        for row in items:
            rows.append([str(scope), row.label, *(row.value(key) for key, _label in COLUMNS)])
    return header, rows


def weekly_table(report):
    header = [str(_("Week starting")), *report.section_labels]
    rows = [
        [week.isoformat(), *(counts.get(label, 0) for label in report.section_labels)]
        for week, counts in report.weeks
    ]
    return header, rows


def to_csv(report):
    output = io.StringIO()
    writer = csv.writer(output)
    header, rows = table(report)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row("" if value is None else value for value in row) for row in rows)
    return output.getvalue().encode("utf-8-sig")


def to_xlsx(report):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Summary"))[:31]
    header, rows = table(report)
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row(row))
    weekly = workbook.create_sheet(str(_("Publications per week"))[:31])
    header, rows = weekly_table(report)
    weekly.append(safe_row(header))
    for row in rows:
        weekly.append(safe_row(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
