"""The moderation queue of citizen reports in the admin."""

from wagtail import hooks

from citizen_reports.admin_views import report_viewset


@hooks.register("register_admin_viewset")
def register_report_viewset():
    return report_viewset
