"""Admin wiring of the ledger: URLs, report menu items, the trail panel in the article editor."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial import views


def _urls():
    return [
        path("", views.LedgerReportView.as_view(), name="report"),
        path(
            "results/",
            views.LedgerReportView.as_view(results_only=True),
            name="report_results",
        ),
        path("trang/<int:page_id>/", views.ApprovalTrailView.as_view(), name="trail"),
        path("dinh-ky/", views.PeriodicReportView.as_view(), name="periodic"),
    ]


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [path("nhat-ky-duyet/", include((_urls(), "editorial_ledger")))]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_ledger_report_menu_item():
    return LedgerMenuItem(
        _("Approval ledger"), reverse("editorial_ledger:report"), icon_name="list-ul", order=900
    )


@hooks.register("register_reports_menu_item")
def register_periodic_report_menu_item():
    return LedgerMenuItem(
        _("Periodic editorial report"),
        reverse("editorial_ledger:periodic"),
        icon_name="table",
        order=901,
    )
