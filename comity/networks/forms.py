import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comity.core.forms import CheckedForm
from comity.directory.vocabulary import FocalPointRole
from comity.networks.vocabulary import MeetingKind, ParticipantRole

ROTATING_ROLES = [(v, label) for v, label in FocalPointRole.choices if v != FocalPointRole.MEMBER]
DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RotationForm(CheckedForm):
    """A new term for a State's focal point: the current holder's term ends on `start`."""

    country = forms.ChoiceField(label=_("State"))
    role = forms.ChoiceField(label=_("Role"), choices=ROTATING_ROLES, initial="focal_point")
    authority = forms.ChoiceField(label=_("Authority"), required=False)
    person_name = forms.CharField(label=_("Person"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Seen only by the network's members and secretariat."),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        required=False,
        max_length=32,
        help_text=_("Seen only by the network's members and secretariat."),
    )
    start = forms.DateField(label=_("Term starts on"), widget=DATE)
    handover_note = forms.CharField(
        label=_("Hand-over note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the outgoing focal point hands over: open matters, contacts, files. Kept with "
            "the new term, in the network's history."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=500,
        help_text=_("The letter or decision that designates the new focal point, if any."),
    )

    def __init__(self, *args, countries=(), authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c.iso3, c.localized_name()) for c in countries]
        self.fields["authority"].choices = [("", "—")] + [
            (str(a.pk), f"{a.country_id} — {a.display_name()}") for a in authorities
        ]
        self.fields["start"].initial = timezone.localdate()


class EventForm(CheckedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https", max_length=500
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The meeting must end after it starts."))
        if not (data.get("place") or data.get("online_url")) and not self.errors:
            self.add_error("place", _("Give a place, an online meeting link, or both."))
        return data


class AgendaForm(CheckedForm):
    """The agenda as lines of text: one item per line; documents chosen per line below."""

    items = forms.CharField(
        label=_("Agenda items"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One item per line, in order."),
    )

    def clean_items(self):
        items = self.cleaned_data["items"]
        if any(len(line.strip()) > 500 for line in items.splitlines()):
            raise forms.ValidationError(_("An agenda item may have at most 500 characters."))
        return items

    def lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class ParticipantForm(CheckedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    country = forms.ChoiceField(label=_("State"), required=False)
    organisation = forms.CharField(
        label=_("Authority or organisation"), required=False, max_length=300
    )
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + [
            (c.iso3, c.localized_name()) for c in countries
        ]


class MinutesForm(CheckedForm):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One decision per line."),
    )


class ActionForm(CheckedForm):
    title = forms.CharField(label=_("Action"), max_length=500)
    owner_name = forms.CharField(label=_("Owner"), max_length=200)
    owner_email = forms.EmailField(
        label=_("Owner's e-mail"),
        required=False,
        help_text=_("Reminders go to this address before and after the deadline."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        if day < datetime.date(2000, 1, 1):
            raise forms.ValidationError(_("Give a deadline as YYYY-MM-DD."))
        return day
