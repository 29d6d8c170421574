"""Read-only admin views of the ledger: the audit report (Nhật ký duyệt bài) with CSV/XLSX
export, the per-article approval trail, and the periodic report.

Every view requires ``ledger.view_ledgerentry`` (Auditors, Administrators, superusers).
Every export is itself recorded in the ledger.
"""

import datetime

import django_filters
from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, Revision

from cms.models.pages import SourceType
from ledger import actions, freshness, periodic, record
from ledger.hashing import HASHED_FIELDS
from ledger.models import LedgerEntry
from portal_site.wagtail_compat import WAGTAIL_PERMISSION_DENIED_MESSAGE

VIEW_PERMISSION = "ledger.view_ledgerentry"
# Wagtail's own message (its msgid, so Wagtail's translation applies).


class LedgerPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            # A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard.
            return render(
                request,
                "security/permission_denied.html",
                {"message": gettext(WAGTAIL_PERMISSION_DENIED_MESSAGE)},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


def _section_choices():
    return [
        (str(pk), title)
        for pk, title in LedgerEntry.objects.filter(section_id__isnull=False)
        .order_by("section_title")
        .values_list("section_id", "section_title")
        .distinct()
    ]


def _person_choices():
    people = {}
    for pk, username, full_name in (
        LedgerEntry.objects.filter(actor_id__isnull=False)
        .order_by("actor_username")
        .values_list("actor_id", "actor_username", "actor_full_name")
        .distinct()
    ):
        people[str(pk)] = f"{full_name} ({username})" if full_name else username
    return sorted(people.items(), key=lambda item: item[1])


def _action_choices():
    known = dict(actions.choices())
    for name in LedgerEntry.objects.order_by().values_list("action", flat=True).distinct():
        known.setdefault(name, name)
    return sorted(known.items(), key=lambda item: item[1])


class LedgerFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    section = django_filters.ChoiceFilter(
        label=_("Section"), field_name="section_id", choices=_section_choices
    )
    person = django_filters.ChoiceFilter(
        label=_("Person"), field_name="actor_id", choices=_person_choices
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_action_choices)
    source_type = django_filters.ChoiceFilter(label=_("Source type"), choices=SourceType.choices)

    class Meta:
        model = LedgerEntry
        fields = ["created_at", "section", "person", "action", "source_type"]


EXPORT_FIELDS = [
    "seq",
    "created_at",
    "action",
    "action_label",
    *HASHED_FIELDS[4:],  # actor_id … extra_json, in the hashed order
    "prev_hash",
    "entry_hash",
]


class LedgerReportView(LedgerPermissionMixin, ReportView):
    page_title = _("Approval ledger")
    header_icon = "list-ul"
    results_template_name = "ledger/ledger_report_results.html"
    index_url_name = "editorial_ledger:report"
    index_results_url_name = "editorial_ledger:report_results"
    filterset_class = LedgerFilterSet
    model = LedgerEntry
    paginate_by = 50
    list_export = EXPORT_FIELDS

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.export_headings = {
            name: str(LedgerEntry._meta.get_field(name).verbose_name)
            for name in EXPORT_FIELDS
            if name != "action_label"
        }
        self.export_headings["action_label"] = str(_("Action (label)"))
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "created_at": {
                self.FORMAT_CSV: self._utc,
                self.FORMAT_XLSX: self._utc,
            },
        }

    @staticmethod
    def _utc(value):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")

    def get_queryset(self):
        return LedgerEntry.objects.order_by("-seq")

    def get_filename(self):
        return "nhat-ky-duyet-bai-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def decorate_paginated_queryset(self, object_list):
        entries = list(object_list)
        flags = freshness.approver_flags(entries)
        for entry in entries:
            entry.action_label = actions.label(entry.action)
            entry.fresh_approver = freshness.labels(flags.get(entry.seq, ()))
        return entries

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Read the entries before recording the export, so the export never contains itself.
        entries = list(queryset)
        filters = {
            key: value
            for key, value in self.request.GET.lists()
            if key not in ("export", "p") and any(value)
        }
        record(
            actions.EXPORT,
            actor=self.request.user,
            request=self.request,
            extra={
                "format": spreadsheet_format,
                "filters": filters,
                "count": len(entries),
                "seqs": [entries[-1].seq, entries[0].seq] if entries else [],
            },
        )
        return super().as_spreadsheet(entries, spreadsheet_format)


def acknowledged_warnings(entry):
    """The content-check warnings the approver acknowledged (``editorial.review.approve``)."""
    log_data = (entry.extra or {}).get("log_data") or {}
    return log_data.get("acknowledged_warnings") or []


class ApprovalTrailView(LedgerPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every ledger entry for one page, in order, with the diff between each published
    version and the version live before it, while the revisions still exist."""

    template_name = "ledger/approval_trail.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return _("Approval trail")

    def get_page_subtitle(self):
        return self.entries[-1].page_title if self.entries else str(self.kwargs["page_id"])

    def get(self, request, page_id):
        self.entries = list(LedgerEntry.objects.for_page(page_id))
        return super().get(request, page_id=page_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Page.objects.filter(pk=self.kwargs["page_id"]).first()
        previous_published = None
        flags = freshness.approver_flags(self.entries)
        for entry in self.entries:
            entry.action_label = actions.label(entry.action)
            entry.fresh_approver = freshness.labels(flags.get(entry.seq, ()))
            entry.acknowledged_warnings = acknowledged_warnings(entry)
            entry.comparison = None
            if entry.action in actions.PUBLISH_ACTIONS:
                if previous_published is not None and page is not None:
                    entry.comparison = self._compare(
                        page, previous_published.revision_id, entry.revision_id
                    )
                    entry.compared_with = previous_published
                previous_published = entry
        context.update(entries=self.entries, page=page)
        return context

    def _compare(self, page, old_revision_id, new_revision_id):
        revisions = Revision.page_revisions.in_bulk([old_revision_id, new_revision_id])
        if old_revision_id not in revisions or new_revision_id not in revisions:
            return None
        specific = page.specific
        old = revisions[old_revision_id].as_object()
        new = revisions[new_revision_id].as_object()
        bound = specific.get_edit_handler().get_bound_panel(
            instance=specific, request=self.request, form=None
        )
        return [
            diff
            for diff in (comp(old, new) for comp in bound.get_comparison())
            if (diff.has_changed())
        ]


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=_("Export"),
        required=False,
        choices=[("", "—"), ("csv", "CSV"), ("xlsx", "XLSX")],
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned


class PeriodicReportView(LedgerPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ledger/periodic_report.html"
    header_icon = "table"
    page_title = _("Periodic editorial report")

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = (
            request.GET
            if "date_from" in request.GET
            else {
                "date_from": (today - datetime.timedelta(days=90)).isoformat(),
                "date_to": today.isoformat(),
            }
        )
        self.form = PeriodForm(data)
        self.report = None
        if self.form.is_valid():
            self.report = periodic.build(
                self.form.cleaned_data["date_from"], self.form.cleaned_data["date_to"]
            )
            export = self.form.cleaned_data.get("format")
            if export:
                return self._export(export)
        return super().get(request, *args, **kwargs)

    def _export(self, export):
        date_from = self.form.cleaned_data["date_from"]
        date_to = self.form.cleaned_data["date_to"]
        record(
            actions.EXPORT,
            actor=self.request.user,
            request=self.request,
            extra={
                "format": export,
                "report": "periodic",
                "filters": {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()},
            },
        )
        name = f"bao-cao-dinh-ky-{date_from}-{date_to}.{export}"
        if export == "csv":
            response = HttpResponse(periodic.to_csv(self.report), content_type="text/csv")
        else:
            response = HttpResponse(
                periodic.to_xlsx(self.report),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, report=self.report, columns=periodic.COLUMNS)
        if self.report is not None:
            context["chart"] = chart(self.report)
            context["section_rows"] = [
                (row.label, [row.value(key) for key, _label in periodic.COLUMNS])
                for row in self.report.sections
            ]
            context["person_rows"] = [
                (row.label, [row.value(key) for key, _label in periodic.COLUMNS])
                for row in self.report.people
            ]
        return context


PALETTE = ["#2e7d32", "#1565c0", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e"]


def chart(report):
    """Bars for publications per week per section, as widths in percent (plain HTML/CSS)."""
    colours = {
        label: PALETTE[index % len(PALETTE)] for index, label in enumerate(report.section_labels)
    }
    peak = max((sum(counts.values()) for _week, counts in report.weeks), default=0) or 1
    weeks = []
    for week, counts in report.weeks:
        bars = [
            {
                "label": label,
                "count": count,
                "width": round(100 * count / peak, 1),
                "colour": colours[label],
            }
            for label, count in sorted(counts.items())
        ]
        weeks.append({"week": week, "total": sum(counts.values()), "bars": bars})
    return {"weeks": weeks, "legend": list(colours.items())}
