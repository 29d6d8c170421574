"""The public form's URLs, included at /phan-anh/ by ``portal_site.urls``. The namespace is
what the site footer (``cms/templates/base.html``) names to link here."""

from django.urls import path

from citizen_reports import views

app_name = "citizen_reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("tra-cuu/", views.report_status, name="status"),
]
