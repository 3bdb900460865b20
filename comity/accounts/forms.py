import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The user name or password is not correct. Both are case-sensitive; check that "
            "Caps Lock is off."
        ),
        "inactive": _("This account is switched off. Ask your authority's administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")


class CodeForm(forms.Form):
    """The 6-digit code shown by an authenticator app; spaces and dashes are ignored."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=12,
        help_text=_("Open your authenticator app and type the code it shows for comity."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": r"[0-9 \-]*"}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.verified_device = None

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Enter the 6 digits shown by your authenticator app."))
        return code

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        if code is None or self.device is None:
            return cleaned
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a minute, then try again with a new code.")
            )
        # django_otp.verify_token locks the device row, so one code cannot be used twice at once.
        self.verified_device = verify_token(self.device.user, self.device.persistent_id, code)
        if self.verified_device is None:
            self.add_error(
                "code",
                _(
                    "That code is not correct or has expired. Check that your device's clock "
                    "is right and enter the code that is shown now."
                ),
            )
        return cleaned


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “case system sync”. Only you see it."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name that says what it is for."))
        return name


class AuthoritySecurityForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Require two-factor sign-in for everyone at this authority"),
        required=False,
        help_text=_(
            "Everyone will have to set up an authenticator app and enter a code at each sign-in."
        ),
    )
