from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_operations_urls():
    return [path("tac-vu-nen/", views.failed_tasks, name="operations_failed_tasks")]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    return TasksMenuItem(
        _("Background tasks"), reverse("operations_failed_tasks"), icon_name="cogs", order=950
    )
