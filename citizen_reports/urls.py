from django.urls import path

from editorial import reports

urlpatterns = [
    path("", reports.report, name="report_harmful_content"),
    path("tra-cuu/", reports.report_status, name="report_status"),
]
