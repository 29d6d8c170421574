from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import admin_urls
from .views import USER_ADMIN_PERMISSION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("security/", include(admin_urls))]


class UserAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(USER_ADMIN_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return UserAdminMenuItem(
        _("Login lockouts"), reverse("security_lockouts"), icon_name="lock", order=610
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("security_2fa_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app and recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def register_user_security_button(user, request_user):
    if request_user.has_perm(USER_ADMIN_PERMISSION):
        yield Button(
            _("Sessions and 2FA"),
            reverse("security_user", args=[user.pk]),
            icon_name="lock",
            priority=60,
        )
