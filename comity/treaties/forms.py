from django import forms
from django.utils.translation import gettext_lazy as _

from comity.core.forms import CheckedForm, CheckedModelForm, LongSelect, with_blank
from comity.directory.validation import language_codes
from comity.directory.vocabulary import Channel, Formality
from comity.treaties.models import RequirementProfile
from comity.treaties.services import PROFILE_FIELDS
from comity.treaties.vocabulary import DualCriminality, OffenceCategory, RequestKind, Ternary


class LegalBasisForm(CheckedForm):
    requesting = forms.ChoiceField(label=_("Requesting State"), widget=LongSelect)
    requested = forms.ChoiceField(label=_("Requested State"), widget=LongSelect)
    kind = forms.ChoiceField(
        label=_("Kind of request"), choices=RequestKind.choices, widget=LongSelect
    )
    offence = forms.ChoiceField(
        label=_("Offence (optional)"),
        required=False,
        choices=[("", _("Not specified")), *OffenceCategory.choices],
        widget=LongSelect,
    )
    date = forms.DateField(
        label=_("On date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = with_blank(countries)
        self.fields["requesting"].choices = choices
        self.fields["requested"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("requesting") and cleaned.get("requesting") == cleaned.get("requested"):
            self.add_error(
                "requested", _("Choose a requested State different from the requesting State.")
            )
        return cleaned


class MatrixForm(CheckedForm):
    country = forms.ChoiceField(label=_("State"), widget=LongSelect)
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    role = forms.ChoiceField(
        label=_("The State is"),
        choices=[
            ("requesting", _("the requesting State")),
            ("requested", _("the requested State")),
        ],
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = with_blank(countries)


class ProfileForm(CheckedModelForm):
    languages = forms.CharField(
        label=_("Languages accepted"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. de, en."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    formalities = forms.MultipleChoiceField(
        label=_("Formalities"),
        choices=Formality.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RequirementProfile
        # The profile's facts, as the service saves them (a foreign key by its field name).
        fields = [name.removesuffix("_id") for name in PROFILE_FIELDS]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "languages_note": forms.Textarea(attrs={"rows": 2}),
            "special_requirements": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "languages_note": _("Languages: wording of the source"),
            "central_authority": _("Central authority"),
            "dual_criminality": _("Dual criminality"),
            "video_hearing": _("Hearing by video link possible"),
            "temporary_transfer": _("Temporary transfer of detained persons possible"),
            "preservation_without_mla": _("Preservation of data without an MLA request"),
            "spontaneous_information": _("Spontaneous information accepted"),
            "joint_investigation_teams": _("Joint investigation teams possible"),
            "treaty_required_for_extradition": _("Extradition only under a treaty"),
            "usual_execution_time": _("Usual execution time"),
            "special_requirements": _("Special requirements"),
            "source": _("Source"),
            "as_of": _("As of"),
        }

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if authorities is not None:
            self.fields["central_authority"].queryset = authorities
        self.fields["source"].required = True
        self.fields["as_of"].required = True
        for name in ("dual_criminality",):
            self.fields[name].choices = DualCriminality.choices
        for name in (
            "video_hearing",
            "temporary_transfer",
            "preservation_without_mla",
            "spontaneous_information",
            "joint_investigation_teams",
            "treaty_required_for_extradition",
        ):
            self.fields[name].choices = Ternary.choices
        if self.instance and self.instance.pk:
            self.initial["languages"] = ", ".join(self.instance.languages)

    def clean_languages(self):
        codes = [
            c.strip().lower()
            for c in self.cleaned_data["languages"].replace(";", ",").split(",")
            if c.strip()
        ]
        unknown = [c for c in codes if c not in language_codes()]
        if unknown:
            raise forms.ValidationError(
                _(
                    "Unknown language code(s): %(codes)s. Use two-letter ISO 639-1 codes such as en, fr, uk."
                )
                % {"codes": ", ".join(unknown)}
            )
        return codes

    def profile_values(self) -> dict:
        data = dict(self.cleaned_data)
        authority = data.pop("central_authority")
        data["central_authority_id"] = authority.pk if authority else None
        return data


class BilateralTreatyForm(CheckedForm):
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9.\-]{2,39}$",
        max_length=40,
        help_text=_("A short code of your choice, e.g. UKR-DEU-MLA-2005."),
    )
    title = forms.CharField(label=_("Title"), max_length=400)
    kinds = forms.MultipleChoiceField(
        label=_("Request kinds it provides for"),
        choices=RequestKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    party_a = forms.ChoiceField(label=_("First party"))
    party_b = forms.ChoiceField(label=_("Second party"))
    signed = forms.DateField(
        label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    in_force = forms.DateField(
        label=_("In force between them from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Where the treaty and its entry into force are published."),
    )
    as_of = forms.DateField(
        label=_("Source as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The date of the publication or page the facts were read from, if it shows one."
        ),
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_a"].widget = LongSelect()
        self.fields["party_a"].choices = with_blank(countries)
        self.fields["party_b"].widget = LongSelect()
        self.fields["party_b"].choices = with_blank(countries)

    def clean_code(self):
        from comity.treaties.models import Instrument

        code = self.cleaned_data["code"].upper()
        if Instrument.objects.filter(code=code).exists():
            raise forms.ValidationError(_("An instrument with this code exists already."))
        return code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("party_a") and cleaned.get("party_a") == cleaned.get("party_b"):
            self.add_error("party_b", _("Choose two different States."))
        signed, in_force = cleaned.get("signed"), cleaned.get("in_force")
        if signed and in_force and in_force < signed:
            self.add_error("in_force", _("A treaty cannot be in force before it was signed."))
        return cleaned
