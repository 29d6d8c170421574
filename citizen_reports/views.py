"""The public side of citizen reports: the form, the receipt with the tracking code (shown
once, never stored in clear), and the status page.

Spam protection without third-party services: a honeypot field, a per-IP limit of submissions
in the Django cache (``PORTAL_REPORT_RATE_LIMIT``: count, seconds; the cache must be shared by
all processes in production, i.e. ``REDIS_URL``), counted in the database instead while that
cache cannot be reached (``SubmissionAttempt``), a cap on the request body
(``PORTAL_REPORT_MAX_BODY``) and on every field. Text fields go through ``cms.sanitize``.
"""

import hashlib
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from citizen_reports.models import HarmfulContentReport, ReportCategory, SubmissionAttempt
from cms.sanitize import clean_text
from portal_site.cache import CacheUnavailable
from portal_site.client_ip import client_ip

DESCRIPTION_MAX = 5000
LINK_MAX = 2000
RATE_KEY = "portal:report-rate:{ip}"


class ReportForm(forms.Form):
    link = forms.URLField(
        label=_("Link to the content"),
        max_length=LINK_MAX,
        assume_scheme="https",
        help_text=_("The address of the post, page or video (starting with https://)."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=ReportCategory.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the content says or shows and why it is harmful."),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=255, required=False)
    contact_email = forms.EmailField(label=_("Your email"), max_length=254, required=False)
    contact_phone = forms.RegexField(
        label=_("Your phone"),
        max_length=30,
        required=False,
        regex=r"^[0-9+() .-]{6,30}$",
        error_messages={"invalid": _("Enter a phone number (digits, spaces, + - . ( ))")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_description(self):
        text = clean_text(self.cleaned_data["description"])
        if len(text) < 10:
            raise forms.ValidationError(_("Describe the content in a few words."))
        return text

    def clean_contact_name(self):
        return clean_text(self.cleaned_data["contact_name"])


def allow_submission(request):
    """Count this submission against the client's limit; False once the limit is passed."""
    limit, window = settings.PORTAL_REPORT_RATE_LIMIT
    ip = client_ip(request)
    key = RATE_KEY.format(ip=ip)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    except CacheUnavailable:
        count = _count_in_database(ip, window)
    return count <= limit


def _count_in_database(ip, window):
    """This submission's number within the window, counted in the database (the shared cache
    is down): the limit holds across processes without it."""
    client = hashlib.sha256(f"report-rate:{ip}".encode()).hexdigest()
    since = timezone.now() - timedelta(seconds=window)
    SubmissionAttempt.objects.filter(at__lt=since).delete()
    SubmissionAttempt.objects.create(client=client)
    return SubmissionAttempt.objects.filter(client=client, at__gte=since).count()


def _form_page(request, form, status=200, error=None):
    return render(
        request, "citizen_reports/report_form.html", {"form": form, "error": error}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
def report(request):
    if request.method == "GET":
        return _form_page(request, ReportForm())
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.PORTAL_REPORT_MAX_BODY:
        return _form_page(
            request,
            ReportForm(),
            status=413,
            error=_("The report is too long. Shorten the description and send it again."),
        )
    if not allow_submission(request):
        return _form_page(
            request,
            ReportForm(),
            status=429,
            error=_(
                "Too many reports from your connection in a short time. Please wait a few "
                "minutes and send it again."
            ),
        )
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    if data["website"]:
        return _form_page(
            request, ReportForm(), status=400, error=_("The report could not be accepted.")
        )
    report_obj, code = HarmfulContentReport.receive(
        link=data["link"],
        category=data["category"],
        description=data["description"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
    )
    return render(
        request, "citizen_reports/report_received.html", {"code": code, "report": report_obj}
    )


class TrackingForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=100)


@never_cache
@require_http_methods(["GET", "POST"])
def report_status(request):
    form = TrackingForm(request.POST or None)
    found = None
    not_found = False
    if request.method == "POST" and form.is_valid():
        found = HarmfulContentReport.objects.by_tracking_code(form.cleaned_data["code"]).first()
        not_found = found is None
        form = TrackingForm()  # the code is not written back into the page
    return render(
        request,
        "citizen_reports/report_status.html",
        {"form": form, "report": found, "not_found": not_found},
        status=404 if not_found else 200,
    )
