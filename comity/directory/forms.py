"""Forms for editing directory entries. Validation rules live in validation.py, shared with imports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comity.core import languages
from comity.core.forms import CheckedForm, LongSelect, with_blank
from comity.directory.transfer import PLAIN_COLUMNS
from comity.directory.validation import clean_authority
from comity.directory.vocabulary import (
    AuthorityKind,
    Channel,
    Competence,
    FocalPointRole,
    Formality,
)
from comity.drafting.documents.house import checks as house_checks
from comity.geo.selectors import localized_country_choices


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


class AuthorityForm(CheckedForm):
    country = forms.ChoiceField(label=_("State"))
    name = forms.CharField(label=_("Name (as the authority writes it)"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=AuthorityKind.choices)
    competences = forms.MultipleChoiceField(
        label=_("Competences"),
        choices=Competence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instruments = forms.CharField(
        label=_("Instruments under which it is designated"),
        required=False,
        help_text=_("Codes separated by commas, e.g. UNTOC, UNCAC, CETS-185."),
    )
    languages = forms.CharField(
        label=_("Languages accepted"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. uk, en, fr."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgent_channels = forms.MultipleChoiceField(
        label=_("Channels for urgent requests"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgent_phone = forms.CharField(label=_("Phone for urgent requests"), required=False)
    urgent_email = forms.CharField(label=_("E-mail for urgent requests"), required=False)
    urgent_notes = forms.CharField(
        label=_("Urgent-request arrangements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    formalities = forms.MultipleChoiceField(
        label=_("Formalities"),
        choices=Formality.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    formalities_notes = forms.CharField(
        label=_("Formats and formalities, in detail"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    office_hours = forms.CharField(label=_("Office hours"), required=False)
    time_zone = forms.CharField(
        label=_("Time zone"), required=False, help_text=_("IANA name, e.g. Europe/Kyiv.")
    )
    address = forms.CharField(
        label=_("Postal address"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        help_text=_("With the country code, e.g. +380 44 123 4567."),
    )
    fax = forms.CharField(
        label=_("Fax"),
        required=False,
        help_text=_("With the country code, e.g. +380 44 123 4567."),
    )
    email = forms.CharField(label=_("E-mail"), required=False)
    website = forms.CharField(label=_("Website"), required=False)
    requirements = forms.CharField(
        label=_("Requirements for requests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Where these facts come from: a URL, a notification or a publication."),
    )
    source_note = forms.CharField(
        label=_("Note on the source"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    verified_on = forms.CharField(
        label=_("Verified on"),
        required=False,
        help_text=_("The day you checked these facts against the source (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, extra_names: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = LongSelect()
        self.fields["country"].choices = with_blank(localized_country_choices())
        for language in languages.LANGUAGES:
            code, label = language.code, language.name
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": label},
                required=False,
                max_length=300,
            )
        self.extra_names = extra_names or {}
        self.cleaned_api_data: dict | None = None

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        initial = {k: v for k, v in data.items() if not isinstance(v, list | dict)}
        for key in ("competences", "channels", "formalities"):
            initial[key] = data.get(key, [])
        initial["instruments"] = ", ".join(data.get("instruments", []))
        initial["languages"] = ", ".join(data.get("languages", []))
        urgent = data.get("urgent", {})
        initial["urgent_channels"] = urgent.get("channels", [])
        for key in ("phone", "email", "notes"):
            initial[f"urgent_{key}"] = urgent.get(key, "")
        for code in languages.CODES:
            initial[f"name_{code}"] = data.get("names", {}).get(code, "")
        return initial

    def api_data(self) -> dict:
        d = self.cleaned_data
        names = dict(self.extra_names)
        for code in languages.CODES:
            names.pop(code, None)
            if d.get(f"name_{code}"):
                names[code] = d[f"name_{code}"]
        return {
            **{k: d.get(k, "") for k in ("country", "name", *PLAIN_COLUMNS, "verified_on")},
            "names": names,
            "competences": d.get("competences", []),
            "channels": d.get("channels", []),
            "formalities": d.get("formalities", []),
            "instruments": _split(d.get("instruments", "")),
            "languages": _split(d.get("languages", "")),
            "urgent": {
                "channels": d.get("urgent_channels", []),
                "phone": d.get("urgent_phone", ""),
                "email": d.get("urgent_email", ""),
                "notes": d.get("urgent_notes", ""),
            },
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        _values, errors = clean_authority(self.api_data())
        for error in errors:
            self.add_field_error(error.field, error.message)
        return cleaned

    def add_field_error(self, field: str, message: str) -> None:
        name = field.replace(".", "_")
        if name == "country_id":
            name = "country"
        self.add_error(name if name in self.fields else None, message)


class NetworkMemberForm(CheckedForm):
    role = forms.ChoiceField(label=_("Role"), choices=FocalPointRole.choices)
    authority = forms.ChoiceField(label=_("Authority"), required=False)
    person_name = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("Only signed-in users see this name."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Where this membership or designation is stated."),
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [("", "—")] + [(str(a.pk), a.name) for a in authorities]


class LetterheadForm(CheckedForm):
    """An authority's house style: its letterhead, its signatory, its logo and DOCX template.
    The files are checked by the service (drafting.services.set_house_style), by their content."""

    letterhead_lines = forms.CharField(
        label=_("Letterhead lines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": house_checks.MAX_LINES}),
        help_text=_(
            "Up to 6 lines under the authority's name, one per line: address, telephone, "
            "e-mail. Leave empty to print the directory entry's address and contacts."
        ),
    )
    signatory_name = forms.CharField(
        label=_("Signatory's name"),
        required=False,
        max_length=house_checks.MAX_LINE_LENGTH,
        help_text=_("Printed under the line to sign on, e.g. Olena Kovalenko."),
    )
    signatory_function = forms.CharField(
        label=_("Signatory's function"),
        required=False,
        max_length=house_checks.MAX_LINE_LENGTH,
        help_text=_("Printed under the name, e.g. Deputy Minister of Justice."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("A PNG or JPEG image of at most 1 MB, 16 to 4000 pixels on each side."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    template = forms.FileField(
        label=_("House template (DOCX)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".docx"}),
        help_text=_(
            "A Word document of at most 5 MB with the placeholders listed below. Start from the "
            "default template."
        ),
    )
    remove_template = forms.BooleanField(label=_("Remove the house template"), required=False)

    def lines(self) -> list[str]:
        return self.cleaned_data.get("letterhead_lines", "").splitlines()
