import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token

from comity.accounts.models import LiaisonRole, Role
from comity.accounts.selectors import UserFilters
from comity.core.forms import CheckedForm
from comity.directory.models import Authority


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


class CodeForm(CheckedForm):
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


class TokenCreateForm(CheckedForm):
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


class AuthoritySecurityForm(CheckedForm):
    require_two_factor = forms.BooleanField(
        label=_("Require two-factor sign-in for everyone at this authority"),
        required=False,
        help_text=_(
            "Everyone will have to set up an authenticator app and enter a code at each sign-in."
        ),
    )


# --- People -----------------------------------------------------------------------------------------


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name()} ({obj.country.localized_name()})"


class InviteForm(CheckedForm):
    """Who to invite. Uniqueness is checked by services.invite_user, which the view calls."""

    authority = AuthorityChoiceField(
        label=_("Authority"),
        queryset=None,
        empty_label=_("Choose an authority"),
        help_text=_("Listed by name, with the State in brackets."),
    )
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only. Capitals do not make a name different."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation, with a link to choose a password, is sent here."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.VIEWER,
        help_text=_(
            "Viewers read; officers write requests; supervisors also approve them; "
            "administrators manage the authority's people and security."
        ),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if actor.is_site_admin:
            self.fields["authority"].queryset = Authority.objects.select_related(
                "country"
            ).order_by("name", "country__name")
        else:
            # An authority admin invites to their own authority only; the field is not shown.
            del self.fields["authority"]


class RoleForm(CheckedForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class LiaisonRoleForm(CheckedForm):
    liaison_role = forms.ChoiceField(
        label=_("Part in the informal channel"),
        choices=LiaisonRole.choices,
        required=False,
        help_text=_(
            "For police, FIU, asset-recovery, witness-protection and 24/7 contact points: who "
            "reads, answers, forwards and consents. Information there carries handling codes."
        ),
    )


class UserFilterForm(CheckedForm):
    """The list page's filters; unknown values are ignored rather than shown as errors."""

    STATUS_CHOICES = [
        ("", _("Any")),
        ("active", _("Active")),
        ("invited", _("Invited, no password yet")),
        ("inactive", _("Switched off")),
    ]

    q = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("Part of the user name, name or e-mail address."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    authority = forms.CharField(
        label=_("Authority or State"),
        required=False,
        max_length=200,
        help_text=_("Part of the authority's name, or the State's name or code (UKR, DE)."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any")), *Role.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if not actor.is_site_admin:
            del self.fields["authority"]

    def filters(self) -> UserFilters:
        self.is_valid()  # fields with a bad value drop out of cleaned_data; the rest still apply
        data = self.cleaned_data
        return UserFilters(
            q=(data.get("q") or "").strip(),
            authority=(data.get("authority") or "").strip(),
            role=data.get("role") or "",
            status=data.get("status") or "",
        )
