from django.urls import path

from . import views

urlpatterns = [
    path("2fa/", views.verify, name="security_2fa_verify"),
    path("2fa/setup/", views.setup, name="security_2fa_setup"),
    path("2fa/manage/", views.manage, name="security_2fa_manage"),
    path("2fa/recovery-codes/", views.recovery_codes, name="security_2fa_recovery_codes"),
    path("2fa/reset/", views.reset, name="security_2fa_reset"),
    path("reauth/", views.reauthenticate, name="security_reauth"),
    path("lockouts/", views.lockouts, name="security_lockouts"),
    path("users/<int:pk>/", views.user_security, name="security_user"),
]
