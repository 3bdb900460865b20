"""Forms of the training pages: a course, a session, a material, an enrolment, an import, the
attendance grid and the evaluation form."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from comity.core import languages
from comity.core.forms import CheckedForm, LongSelect, fixed_enum, with_blank
from comity.geo.selectors import country_choices
from comity.networks.training import zone_or_error
from comity.networks.vocabulary import (
    EVALUATION_QUESTIONS,
    EVALUATION_SCALE,
    Attendance,
    EnrolmentRole,
)

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _language_choices():
    return [(language.code, language.native) for language in languages.LANGUAGES]


class CourseForm(CheckedForm):
    network = forms.ChoiceField(
        label=_("Network"),
        required=False,
        help_text=_("The network whose secretariat runs the course."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    language = forms.ChoiceField(label=_("Language of the course"), initial="en")
    hours = forms.DecimalField(
        label=_("Hours of training"),
        required=False,
        min_value=0.1,
        max_value=9999,
        decimal_places=1,
        help_text=_("Printed on the certificates of attendance, e.g. 12.5."),
    )
    is_example = forms.BooleanField(
        label=_("Example data (made up for demonstration)"), required=False
    )

    def __init__(self, *args, networks=None, with_network=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        if with_network:
            self.fields["network"].choices = [
                ("", _("No network")),
                *((n.code, n.display_name()) for n in networks or []),
            ]
        else:
            del self.fields["network"]

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("network", None)
        return data


class SessionForm(CheckedForm):
    title = forms.CharField(
        label=_("Title of the session"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the course's title."),
    )
    start = forms.DateTimeField(
        label=_("Starts"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Local time where the session is held, YYYY-MM-DD HH:MM."),
    )
    end = forms.DateTimeField(
        label=_("Ends"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="UTC",
        help_text=_("The time zone of the place, e.g. Africa/Accra, Europe/Kyiv or UTC."),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online meeting address"), max_length=500, required=False, assume_scheme="https"
    )

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        try:
            zone_or_error(name)
        except Exception as exc:
            raise forms.ValidationError(_("Give a time zone such as Africa/Accra or UTC.")) from exc
        return name

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            tz = zone_or_error(zone)
            for name in ("start", "end"):
                value = data.get(name)
                if isinstance(value, datetime.datetime):
                    # The wall-clock time typed is the time at the place of the session.
                    data[name] = value.replace(tzinfo=None).replace(tzinfo=tz)
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The session must end after it starts."))
        return data


class MaterialForm(CheckedForm):
    document = forms.IntegerField(
        label=_("Library document number"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_(
            "The number in the document's address in the library, e.g. 42 for /library/42/."
        ),
    )


class EnrolmentForm(CheckedForm):
    role = forms.ChoiceField(label=_("Role"))
    user_email = forms.EmailField(
        label=_("A comity user (their e-mail address)"),
        required=False,
        help_text=_("Fill this in for a user of comity; the rest is taken from their account."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    authority = forms.CharField(label=_("Authority"), max_length=300, required=False)
    country = forms.ChoiceField(label=_("State"), required=False, widget=LongSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = fixed_enum(EnrolmentRole)
        self.fields["country"].choices = with_blank(country_choices())

    def clean_user_email(self):
        email = self.cleaned_data["user_email"].strip()
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active comity user has this address. Leave it empty and type the name.")
            )
        return user

    def clean(self):
        data = super().clean()
        if not data.get("user_email") and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the person's name, or pick a comity user."))
        return data


class ImportForm(CheckedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person per line: name,email,authority,country,role — country as ISO alpha-3 "
            "(GHA), role trainee or trainer. A first line with these names is skipped."
        ),
    )


class AttendanceForm(forms.Form):
    """One choice per trainee and session, named a-<enrolment>-<session>."""

    def __init__(self, *args, rows=(), sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        choices = fixed_enum(Attendance)
        for row in rows:
            cells = []
            for session, mark in row.cells:
                name = f"a-{row.enrolment.pk}-{session.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{row.enrolment.name} — {session.title} {session.start:%Y-%m-%d}",
                    choices=choices,
                    required=False,
                    initial=mark,
                )
                cells.append(name)
            self.grid.append((row, cells))

    def marks(self) -> dict[tuple[int, int], str]:
        out = {}
        for name, value in self.cleaned_data.items():
            _prefix, enrolment, session = name.split("-")
            out[(int(enrolment), int(session))] = value or ""
        return out

    def rows(self):
        """(grid row, [bound fields]) for the template."""
        return [(row, [self[name] for name in cells]) for row, cells in self.grid]


SCORE_CHOICES = [("", _("No answer")), *((str(n), str(n)) for n in EVALUATION_SCALE)]


class EvaluationForm(CheckedForm):
    enrolment = forms.ChoiceField(label=_("Trainee"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].choices = [(str(e.pk), e.name) for e in enrolments]
        for key, label in EVALUATION_QUESTIONS:
            self.fields[f"q_{key}"] = forms.ChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("1: poor … 5: excellent"),
            )

    def question_fields(self):
        return [self[f"q_{key}"] for key, _label in EVALUATION_QUESTIONS]

    def scores(self) -> dict:
        return {
            key: self.cleaned_data.get(f"q_{key}")
            for key, _label in EVALUATION_QUESTIONS
            if self.cleaned_data.get(f"q_{key}")
        }
