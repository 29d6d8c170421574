"""The ledger's place in the admin: its reports (URLs under /admin/nhat-ky-duyet/, Reports menu
items shown to holders of ``ledger.view_ledgerentry``) and the recording of section permissions
the group editor grants in bulk."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ledger import views as ledger_views


def _urls():
    return [
        path("", ledger_views.LedgerReportView.as_view(), name="report"),
        path(
            "results/",
            ledger_views.LedgerReportView.as_view(results_only=True),
            name="report_results",
        ),
        path("trang/<int:page_id>/", ledger_views.ApprovalTrailView.as_view(), name="trail"),
        path("dinh-ky/", ledger_views.PeriodicReportView.as_view(), name="periodic"),
    ]


@hooks.register("register_group_permission_panel")
def register_ledger_permission_changes():
    # Renders nothing: records the section permissions the group editor grants in bulk.
    from ledger.capture import PagePermissionChanges

    return PagePermissionChanges


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [path("nhat-ky-duyet/", include((_urls(), "editorial_ledger")))]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ledger_views.VIEW_PERMISSION)


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
