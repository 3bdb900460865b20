"""The guided flow's forms, one per step. Each reads from and writes to parts of the body."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comity.core.forms import CheckedForm, LongSelect, with_blank
from comity.drafting.documents.labels import document_languages
from comity.drafting.measures import MEASURES
from comity.drafting.schema import MAX_MONTHS
from comity.treaties.vocabulary import OffenceCategory, RequestKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})
LONG_TEXT = forms.Textarea(attrs={"rows": 10})
DATE = forms.DateInput(attrs={"type": "date"})
# Documents are written in any language comity has the words for (documents/wording); each is
# offered under its own name.
DOC_LANGUAGES = [(code, language.name) for code, language in document_languages().items()]


class NewRequestForm(CheckedForm):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    requested_state = forms.ChoiceField(label=_("Requested State"))

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_state"].widget = LongSelect()
        self.fields["requested_state"].choices = with_blank(countries)


class PartiesForm(CheckedForm):
    help_anchors = {"requested_authority": "central-authority", "legal_bases": "legal-basis"}

    requested_state = forms.ChoiceField(label=_("Requested State"))
    requested_authority = forms.ChoiceField(
        label=_("Addressed to"),
        help_text=_(
            "The requested State's central authority for this kind of request; for expedited "
            "preservation, its 24/7 point of contact. Left empty, the document is addressed to "
            "the first of them."
        ),
        required=False,
    )
    legal_bases = forms.MultipleChoiceField(
        label=_("Legal bases to invoke"), required=False, widget=forms.CheckboxSelectMultiple
    )
    reference = forms.CharField(label=_("Our reference"), required=False, max_length=100)
    their_reference = forms.CharField(
        label=_("Their reference (if any)"), required=False, max_length=100
    )
    language = forms.ChoiceField(
        label=_("Language of your text"),
        help_text=_(
            "The language you write the facts and other text in. The document can be produced "
            "in another language or in two; your text is never translated."
        ),
        choices=DOC_LANGUAGES,
    )

    def __init__(self, *args, countries=(), authorities=(), bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_state"].widget = LongSelect()
        self.fields["requested_state"].choices = with_blank(countries)
        self.fields["requested_authority"].choices = with_blank(authorities)
        self.fields["legal_bases"].choices = list(bases)


class ProceedingsForm(CheckedForm):
    stage = forms.ChoiceField(
        label=_("Stage of the proceedings"),
        required=False,
        choices=[
            ("", "—"),
            ("investigation", _("Investigation")),
            ("prosecution", _("Prosecution")),
            ("trial", _("Trial")),
            ("appeal", _("Appeal")),
            ("enforcement", _("Enforcement")),
        ],
    )
    authority = forms.CharField(
        label=_("Authority conducting the proceedings, and its functions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    case_number = forms.CharField(label=_("Case number"), required=False)
    description = forms.CharField(
        label=_("Subject matter and nature of the proceedings"), required=False, widget=TEXTAREA
    )


class OffenceForm(CheckedForm):
    label = forms.CharField(label=_("Offence"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", "—"), *OffenceCategory.choices]
    )
    statute = forms.CharField(label=_("Provision (e.g. art. 209 Criminal Code)"), required=False)
    provision_text = forms.CharField(
        label=_("Text of the provision"), required=False, widget=TEXTAREA
    )
    max_penalty = forms.CharField(label=_("Maximum penalty"), required=False)
    max_penalty_years = forms.FloatField(
        label=_("Maximum penalty in years"), required=False, min_value=0, max_value=200
    )
    limitation = forms.CharField(label=_("Statute of limitations"), required=False)
    death_penalty = forms.BooleanField(label=_("Punishable by death under our law"), required=False)


class FactsForm(CheckedForm):
    help_anchors = {"dual_criminality": "dual-criminality"}

    facts = forms.CharField(
        label=_("Summary of the relevant facts"),
        required=False,
        widget=LONG_TEXT,
        help_text=_("Who did what, when and where; how it links to the requested State."),
    )
    dual_criminality = forms.CharField(
        label=_("Why the conduct is also an offence in the requested State"),
        required=False,
        widget=TEXTAREA,
    )


class PersonForm(CheckedForm):
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[
            ("", "—"),
            ("person_sought", _("Person sought (extradition)")),
            ("suspect", _("Suspect")),
            ("accused", _("Accused")),
            ("sentenced", _("Sentenced person")),
            ("witness", _("Witness")),
            ("victim", _("Victim")),
            ("expert", _("Expert")),
            ("account_holder", _("Account holder")),
            ("other", _("Other")),
        ],
    )
    name = forms.CharField(label=_("Full name"), required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    place_of_birth = forms.CharField(label=_("Place of birth"), required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    identity_documents = forms.CharField(label=_("Identity documents"), required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    location = forms.CharField(label=_("Where the person is believed to be"), required=False)
    description = forms.CharField(
        label=_("Physical description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].widget = LongSelect()
        self.fields["nationality"].choices = with_blank(countries)
        self.fields["nationality"].error_messages["invalid_choice"] = _(
            "Choose the State of nationality from the list (a State, not a nationality word)."
        )

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and born > timezone.localdate():
            raise forms.ValidationError(
                _("A date of birth cannot be in the future. Check the year.")
            )
        return born


class AnnexForm(CheckedForm):
    title = forms.CharField(label=_("Annex"), required=False)
    kind = forms.ChoiceField(
        label=_("Type of document"),
        required=False,
        choices=[
            ("", "—"),
            ("judgment", _("Certified copy of the judgment")),
            ("law", _("Text of the law applied")),
            ("sentence_served", _("Statement of the sentence served")),
            ("consent", _("Declaration of consent")),
            ("confiscation_order", _("Copy of the confiscation order")),
            ("other", _("Other")),
        ],
    )
    description = forms.CharField(label=_("Description"), required=False)
    pages = forms.IntegerField(label=_("Pages"), required=False, min_value=0)


class ConditionsForm(CheckedForm):
    help_anchors = {
        "urgent": "urgent-requests",
        "use_limits_stated": "speciality",
        "warrant_in_absentia": "judgment-in-absentia",
        "full_request_to_follow": "provisional-arrest",
        "mla_request_to_follow": "expedited-preservation",
        "speciality": "speciality",
        "reciprocity": "reciprocity",
        "assurances_death_penalty": "assurances",
        "assurances_retrial": "assurances",
        "assurances_ne_bis_in_idem": "ne-bis-in-idem",
        "transmission_channel": "central-authority",
        "transmission_notice": "provisional-arrest",
        "warrant_time_in_custody": "person-sought",
    }

    purpose = forms.CharField(
        label=_("Purpose of the evidence or action"), required=False, widget=TEXTAREA
    )
    procedure = forms.CharField(
        label=_("Particular procedure to follow"), required=False, widget=TEXTAREA
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    urgency_reason = forms.CharField(
        label=_("Reasons for urgency or the deadline"), required=False, widget=TEXTAREA
    )
    confidential = forms.BooleanField(label=_("Keep the request confidential"), required=False)
    confidentiality_reason = forms.CharField(
        label=_("Why confidentiality is needed"), required=False, widget=TEXTAREA
    )
    use_limits_stated = forms.BooleanField(
        label=_("State the use that will be made of the evidence"), required=False
    )
    use_limits_text = forms.CharField(
        label=_("Use of the evidence"), required=False, widget=TEXTAREA
    )
    warrant_kind = forms.ChoiceField(
        label=_("Warrant or judgment"),
        required=False,
        choices=[
            ("", "—"),
            ("arrest_warrant", _("Arrest warrant")),
            ("judgment", _("Judgment")),
            ("indictment", _("Indictment")),
            ("confiscation_order", _("Confiscation order")),
        ],
    )
    warrant_issued_by = forms.CharField(label=_("Issued by"), required=False)
    warrant_date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    warrant_reference = forms.CharField(label=_("Reference"), required=False)
    warrant_sentence = forms.CharField(label=_("Sentence imposed and remaining"), required=False)
    warrant_sentence_months = forms.FloatField(
        label=_("Sentence imposed, in months"), required=False, min_value=0, max_value=MAX_MONTHS
    )
    warrant_remaining_months = forms.FloatField(
        label=_("Remaining to be served, in months"),
        required=False,
        min_value=0,
        max_value=MAX_MONTHS,
    )
    warrant_indeterminate = forms.BooleanField(label=_("Indeterminate sentence"), required=False)
    warrant_enforceable = forms.BooleanField(
        label=_("The judgment or warrant is enforceable"), required=False
    )
    warrant_time_in_custody = forms.CharField(
        label=_("Time already spent in custody for these offences"),
        help_text=_(
            "Periods with their dates, e.g. 2024-03-01 to 2024-09-15 in pre-trial "
            "detention; they count against the sentence."
        ),
        required=False,
        widget=TEXTAREA,
    )
    warrant_in_absentia = forms.BooleanField(
        label=_("Judgment rendered in absentia"), required=False
    )
    full_request_to_follow = forms.BooleanField(
        label=_("The full request will follow"), required=False
    )
    mla_request_to_follow = forms.BooleanField(
        label=_("A request for search, seizure or disclosure will follow"), required=False
    )
    speciality = forms.BooleanField(
        label=_("Undertaking to respect the rule of speciality"), required=False
    )
    reciprocity = forms.BooleanField(label=_("Undertaking of reciprocity"), required=False)
    prosecution_if_refused = forms.BooleanField(
        label=_("If a national is not extradited, ask that the case be prosecuted there"),
        required=False,
    )
    return_to_serve = forms.BooleanField(
        label=_("Agree that a national surrendered be returned to serve the sentence"),
        required=False,
    )
    assurances_death_penalty = forms.CharField(
        label=_("Assurance that the death penalty will not be imposed or carried out"),
        required=False,
        widget=TEXTAREA,
    )
    assurances_retrial = forms.CharField(
        label=_("Assurance of a retrial (judgment in absentia)"), required=False, widget=TEXTAREA
    )
    assurances_ne_bis_in_idem = forms.CharField(
        label=_("Whether the person was finally judged for the same acts"),
        required=False,
        widget=TEXTAREA,
    )
    assurances_offence_nature = forms.CharField(
        label=_("Why the offences are not political, military or fiscal offences"),
        required=False,
        widget=TEXTAREA,
    )
    transmission_channel = forms.ChoiceField(
        label=_("Channel of transmission"),
        required=False,
        choices=[
            ("", "—"),
            ("central_authority", _("Central authority to central authority")),
            ("diplomatic", _("Diplomatic channel")),
            ("interpol", _("INTERPOL")),
            ("direct", _("Direct transmission")),
        ],
    )
    transmission_reason = forms.CharField(
        label=_("Why not to the central authority"), required=False, widget=TEXTAREA
    )
    transmission_notice = forms.CharField(
        label=_("INTERPOL notice or diffusion"),
        help_text=_("e.g. the Red Notice control number, when the request goes through INTERPOL"),
        required=False,
    )
    property_description = forms.CharField(
        label=_("Property: description"), required=False, widget=TEXTAREA
    )
    property_location = forms.CharField(label=_("Property: location"), required=False)
    property_value = forms.CharField(label=_("Property: estimated value"), required=False)
    property_owner = forms.CharField(label=_("Property: owner or holder"), required=False)
    contact_name = forms.CharField(label=_("Contact: name"), required=False)
    contact_phone = forms.CharField(label=_("Contact: phone"), required=False)
    contact_email = forms.EmailField(label=_("Contact: e-mail"), required=False)


def measure_form_class(code: str) -> type[forms.Form]:
    """A form with the fields the catalogue declares for one measure type."""
    measure = MEASURES[code]
    fields = {}
    for spec in measure.fields:
        if spec.kind == "date":
            field = forms.DateField(widget=DATE)
        elif spec.kind in ("textarea", "iban_list", "list"):
            field = forms.CharField(widget=TEXTAREA)
        else:
            field = forms.CharField()
        field.label, field.required, field.help_text = spec.label, False, spec.help
        fields[spec.name] = field
    return type(f"{code.title()}Form", (CheckedForm,), fields)
