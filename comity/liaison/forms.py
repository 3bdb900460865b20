"""The informal channel's forms: writing a message (with what it is about, files and, for
witness protection, the protected person), forwarding, consent, naming who sees an identity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comity.core.forms import CheckedForm
from comity.liaison.vocabulary import (
    EntityType,
    Handling,
    InformationEvaluation,
    MessageKind,
    MessagePriority,
    SourceEvaluation,
)

ENTITY_ROWS = 6
WRITABLE_KINDS = [(k.value, k.label) for k in MessageKind if k not in (MessageKind.CONSENT,)]
PROTECTED_FIELDS = ("pseudonym", "name", "date_of_birth", "nationality", "address", "notes")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _authority_choices(authorities) -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(a.pk), f"{a.country_id} — {a.name} ({a.get_kind_display()})") for a in authorities
    ]


class ComposeForm(CheckedForm):
    to_authority = forms.ChoiceField(label=_("To (contact point)"))
    kind = forms.ChoiceField(label=_("Kind of message"), choices=WRITABLE_KINDS)
    subject = forms.CharField(
        label=_("Subject"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        required=False,
        max_length=50_000,
    )
    handling = forms.ChoiceField(
        label=_("Handling code"),
        choices=[("", "—"), *Handling.choices],
        help_text=_("How the recipient may use and pass on the information; comity enforces it."),
    )
    handling_note = forms.CharField(
        label=_("Other restrictions (H3)"), max_length=1000, required=False
    )
    source_evaluation = forms.ChoiceField(
        label=_("Evaluation of the source"), choices=[("", "—"), *SourceEvaluation.choices]
    )
    information_evaluation = forms.ChoiceField(
        label=_("Evaluation of the information"),
        choices=[("", "—"), *InformationEvaluation.choices],
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=MessagePriority.choices)
    reply_by = forms.DateField(
        label=_("Answer wanted by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Keep until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the default for the kind of message. Then the content is purged."),
    )
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, DOCX, PNG, JPEG, TIFF or ZIP; stored encrypted."),
    )
    in_reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Witness protection: the protected person (encrypted; only named users see it).
    pseudonym = forms.CharField(label=_("Pseudonym"), max_length=60, required=False)
    name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    date_of_birth = forms.CharField(label=_("Date of birth"), max_length=40, required=False)
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    address = forms.CharField(
        label=_("Address"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    notes = forms.CharField(
        label=_("Other identifying details"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    measures = forms.CharField(
        label=_("Measures requested (relocation, protection)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    # Checked by services.send, which reports every missing part at once with its own message.
    SERVICE_CHECKED = (
        "to_authority",
        "subject",
        "handling",
        "source_evaluation",
        "information_evaluation",
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_authority"].choices = _authority_choices(authorities)
        for name in self.SERVICE_CHECKED:
            self.fields[name].required = False
            self.fields[name].widget.is_required = False
            self.fields[name].shown_required = True
        for index in range(ENTITY_ROWS):
            self.fields[f"entity_type_{index}"] = forms.ChoiceField(
                label=_("Type"), choices=[("", "—"), *EntityType.choices], required=False
            )
            self.fields[f"entity_value_{index}"] = forms.CharField(
                label=_("Value"), max_length=300, required=False
            )

    def entity_rows(self):
        return [(self[f"entity_type_{i}"], self[f"entity_value_{i}"]) for i in range(ENTITY_ROWS)]

    def protected_fields(self):
        return [self[name] for name in (*PROTECTED_FIELDS, "measures")]

    def data_for_service(self) -> dict:
        data = {
            name: self.cleaned_data.get(name)
            for name in (
                "kind",
                "subject",
                "body",
                "handling",
                "handling_note",
                "source_evaluation",
                "information_evaluation",
                "priority",
                "reply_by",
                "expires_on",
            )
        }
        data["entities"] = []
        for index in range(ENTITY_ROWS):
            kind = self.cleaned_data.get(f"entity_type_{index}")
            value = (self.cleaned_data.get(f"entity_value_{index}") or "").strip()
            if kind or value:
                data["entities"].append({"type": kind, "value": value, "row": index})
        if data["kind"] == MessageKind.PROTECTION:
            data["protected"] = {
                name: self.cleaned_data.get(name) or "" for name in (*PROTECTED_FIELDS, "measures")
            }
        return data


class ForwardForm(CheckedForm):
    to_authority = forms.ChoiceField(label=_("Forward to"))

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_authority"].choices = _authority_choices(authorities)


class ConsentForm(CheckedForm):
    granted = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("I consent")), ("no", _("I do not consent"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Conditions or reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class NameUserForm(CheckedForm):
    user = forms.ChoiceField(label=_("Colleague"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—")] + [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in people
        ]


class SearchForm(CheckedForm):
    q = forms.CharField(label=_("Account, name, number or vehicle"), max_length=300, required=False)
    box = forms.ChoiceField(
        choices=[("inbox", _("Inbox")), ("sent", _("Sent")), ("all", _("All"))], required=False
    )
