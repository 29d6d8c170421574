from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from . import otp


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        self.device = otp.verify_code(self.user, self.cleaned_data["code"])
        if self.device is None:
            raise forms.ValidationError(_("This code is not valid or has already been used."))
        return self.cleaned_data["code"]


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, user, device, *args, **kwargs):
        self.user = user
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        if not otp.confirm_enrolment(self.user, self.device, self.cleaned_data["code"]):
            raise forms.ValidationError(_("This code is not valid. Check the time on your phone."))
        return self.cleaned_data["code"]


class ReauthenticationForm(forms.Form):
    """The password again, and a code when the user has a second factor."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    code = forms.CharField(label=_("Code"), max_length=32, required=False)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = request.user
        super().__init__(*args, **kwargs)
        self.needs_code = otp.confirmed_totp(self.user) is not None
        if self.needs_code:
            self.fields["code"].required = True
            self.fields["code"].help_text = CodeForm.base_fields["code"].help_text
        else:
            del self.fields["code"]

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password is None:
            return cleaned
        # authenticate() goes through django-axes: failures here count towards the lockout.
        checked = authenticate(self.request, username=self.user.get_username(), password=password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(_("The password is not correct."))
        if self.needs_code and otp.verify_code(self.user, cleaned.get("code")) is None:
            raise forms.ValidationError(_("This code is not valid or has already been used."))
        return cleaned
