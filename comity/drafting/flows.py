"""The flow of each kind of request: its steps, the fields each step asks for, and the order of the
document's sections. Declared once here; the wizard (views.py), the links from the checks to the
fields (steps.field_place) and the document (documents/model.py) all read it.

Each kind is its own legal act. An extradition request is built around the person sought and the
warrant or judgment, and asks for assurances; a request for expedited preservation is a short,
urgent letter to the requested State's 24/7 point naming the data and undertaking that a request
for mutual legal assistance follows (CETS-185 29(2)); a request for mutual legal assistance lists
the measures asked for. None of them borrows another's steps.

A step is one of the building blocks below. The "details" block shows the fields of
forms.ConditionsForm that the step names, and writes only their parts of the body.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comity.drafting.schema import UNDERTAKINGS, RequestBody

BLOCKS = ("parties", "proceedings", "facts", "persons", "measures", "details", "annexes", "review")


@dataclass(frozen=True)
class Step:
    slug: str  # in the page's address; unique within a flow
    title: Promise
    block: str  # one of BLOCKS
    fields: tuple[str, ...] = ()  # for "details": the ConditionsForm fields, in order
    intro: Promise | str = ""  # one sentence under the heading: what this step is for
    person_role: str = ""  # for "persons": the role of a new person
    measure: str = ""  # for "measures": the measure a new request of the kind starts with
    labels: tuple[tuple[str, Promise], ...] = ()  # for "details": (field, label of this kind)

    def __post_init__(self):
        if self.block not in BLOCKS:
            raise ValueError(f"Unknown block {self.block!r} in step {self.slug!r}.")


# --- Field groups of the details block ----------------------------------------------------------
PURPOSE = ("purpose", "procedure")
URGENCY = ("urgent", "deadline", "urgency_reason")
CONFIDENTIALITY = ("confidential", "confidentiality_reason")
USE_LIMITS = ("use_limits_stated", "use_limits_text")
TRANSMISSION = ("transmission_channel", "transmission_reason", "transmission_notice")
CONTACT = ("contact_name", "contact_phone", "contact_email")
WARRANT = (
    "warrant_kind",
    "warrant_issued_by",
    "warrant_date",
    "warrant_reference",
    "warrant_enforceable",
    "warrant_in_absentia",
)
SENTENCE = (
    "warrant_sentence",
    "warrant_sentence_months",
    "warrant_remaining_months",
    "warrant_indeterminate",
    "warrant_time_in_custody",
)
ASSURANCES = (
    "assurances_death_penalty",
    "assurances_retrial",
    "assurances_ne_bis_in_idem",
    "assurances_offence_nature",
)
PROPERTY = ("property_description", "property_location", "property_value", "property_owner")


def _fields_of(part: str) -> dict[str, str]:
    """ "warrant_date" -> "warrant.date" for every field of a part of the body."""
    model = RequestBody.model_fields[part].annotation
    return {f"{part}_{key}": f"{part}.{key}" for key in model.model_fields}


# Where each field of the details block (forms.ConditionsForm) is kept in the request body: the
# one table the forms, the links from the checks and the labels of a conflict all read.
DETAILS_PATHS: dict[str, str] = {
    "purpose": "purpose",
    "procedure": "procedure",
    "urgent": "urgency.urgent",
    "deadline": "urgency.deadline",
    "urgency_reason": "urgency.reason",
    "confidential": "confidentiality.required",
    "confidentiality_reason": "confidentiality.reason",
    **_fields_of("use_limits"),
    **_fields_of("warrant"),
    **{key: f"undertakings.{key}" for key in UNDERTAKINGS},
    **_fields_of("assurances"),
    **_fields_of("transmission"),
    **_fields_of("property"),
    **_fields_of("contact"),
}
DETAILS_FIELDS = {path: field for field, path in DETAILS_PATHS.items()}  # and back


def body_part(field: str) -> str:
    """The part of the request body a details field belongs to."""
    return DETAILS_PATHS[field].split(".")[0]


# --- Steps shared by several kinds ------------------------------------------------------------
PARTIES = Step("parties", _("Parties and legal basis"), "parties")
PROCEEDINGS = Step("proceedings", _("Proceedings and offences"), "proceedings")
FACTS = Step("facts", _("Facts"), "facts")
PERSONS = Step("persons", _("Persons"), "persons")
ANNEXES = Step("annexes", _("Annexes"), "annexes")
REVIEW = Step("review", _("Review"), "review")
MEASURES = Step("measures", _("Assistance requested"), "measures")
PERSON_SOUGHT = Step(
    "persons",
    _("Person sought"),
    "persons",
    intro=_(
        "Identify the person as fully as you can: the requested State must be sure it "
        "arrests the right person."
    ),
    person_role="person_sought",
)
OFFENCES = Step(
    "proceedings",
    _("Offences and the law"),
    "proceedings",
    intro=_(
        "For each offence: the provision, its text, the penalty it carries and when "
        "prosecution or enforcement becomes time-barred."
    ),
)
CONDITIONS = Step(
    "conditions",
    _("Procedure and conditions"),
    "details",
    fields=(
        *PURPOSE,
        *URGENCY,
        *CONFIDENTIALITY,
        *USE_LIMITS,
        "reciprocity",
        *TRANSMISSION[:2],
        *CONTACT,
    ),
)


def _purpose_and_conditions(fields: tuple[str, ...], *, purpose, procedure) -> Step:
    """The step of a transfer that says why and how, in the words of its kind."""
    return Step(
        "conditions",
        _("Purpose and conditions"),
        "details",
        fields=(*PURPOSE, *fields),
        labels=(("purpose", purpose), ("procedure", procedure)),
    )


def _surrender(kind_specific: tuple[Step, ...]) -> tuple[Step, ...]:
    """Extradition and provisional arrest: the person, the warrant, the offences, the facts."""
    return (
        PARTIES,
        PERSON_SOUGHT,
        Step(
            "warrant",
            _("Warrant or judgment"),
            "details",
            fields=(*WARRANT, *SENTENCE),
            intro=_(
                "The arrest warrant or the enforceable judgment the request rests on, and "
                "for a sentence, what remains to be served and the time already spent in "
                "custody."
            ),
        ),
        OFFENCES,
        Step("facts", _("Facts"), "facts"),
        *kind_specific,
        REVIEW,
    )


FLOWS: dict[str, tuple[Step, ...]] = {
    "mla": (PARTIES, PROCEEDINGS, FACTS, PERSONS, MEASURES, CONDITIONS, ANNEXES, REVIEW),
    "extradition": _surrender(
        (
            Step(
                "assurances",
                _("Assurances and undertakings"),
                "details",
                fields=(
                    *ASSURANCES,
                    "speciality",
                    "prosecution_if_refused",
                    "return_to_serve",
                    "reciprocity",
                ),
                intro=_(
                    "What the requesting State assures so that a ground for refusal does "
                    "not apply, and the undertakings it gives."
                ),
            ),
            Step(
                "transmission",
                _("Urgency and channel"),
                "details",
                fields=(*URGENCY, *TRANSMISSION, *CONFIDENTIALITY, *CONTACT),
            ),
            ANNEXES,
        )
    ),
    "provisional_arrest": _surrender(
        (
            Step(
                "transmission",
                _("Urgency and channel"),
                "details",
                fields=(*URGENCY, *TRANSMISSION, *CONFIDENTIALITY, *CONTACT),
                intro=_(
                    "A request for provisional arrest may travel through INTERPOL; give "
                    "the notice or diffusion if there is one."
                ),
            ),
            Step(
                "undertakings",
                _("Undertakings"),
                "details",
                fields=(
                    "full_request_to_follow",
                    "speciality",
                    "assurances_death_penalty",
                    "reciprocity",
                ),
            ),
            ANNEXES,
        )
    ),
    "transfer_sentenced": (
        PARTIES,
        Step("persons", _("Sentenced person"), "persons", person_role="sentenced"),
        Step(
            "judgment",
            _("Judgment and sentence"),
            "details",
            fields=(*WARRANT, *SENTENCE),
        ),
        OFFENCES,
        FACTS,
        _purpose_and_conditions(
            (*URGENCY, *CONFIDENTIALITY, "reciprocity", *CONTACT),
            purpose=_("Reasons for the transfer, and the person's consent"),
            procedure=_("Arrangements for the transfer"),
        ),
        ANNEXES,
        REVIEW,
    ),
    "transfer_proceedings": (
        PARTIES,
        PROCEEDINGS,
        FACTS,
        PERSONS,
        _purpose_and_conditions(
            (*URGENCY, *CONFIDENTIALITY, *USE_LIMITS, "reciprocity", *CONTACT),
            purpose=_("Why the proceedings are better conducted in the requested State"),
            procedure=_("What the requesting State will do with its own proceedings"),
        ),
        ANNEXES,
        REVIEW,
    ),
    "confiscation": (
        PARTIES,
        PROCEEDINGS,
        FACTS,
        PERSONS,
        Step(
            "property",
            _("Property and order"),
            "details",
            fields=(*PROPERTY, *WARRANT),
            intro=_(
                "The property to freeze or confiscate, where it is, and the order to "
                "enforce (UNCAC 55(3), UNTOC 13(3))."
            ),
        ),
        Step("measures", _("Measures requested"), "measures"),
        CONDITIONS,
        ANNEXES,
        REVIEW,
    ),
    "preservation": (
        Step(
            "parties",
            _("Parties and 24/7 point"),
            "parties",
            intro=_(
                "A request for preservation goes to the requested State's 24/7 point of "
                "contact (CETS-185 35) when it has one in the directory."
            ),
        ),
        Step("proceedings", _("Offence and proceedings"), "proceedings"),
        FACTS,
        Step(
            "measures",
            _("Data to preserve"),
            "measures",
            measure="preservation_stored_data",
            intro=_(
                "The data, the service provider or other custodian, and why preservation "
                "is needed now (CETS-185 29(2))."
            ),
        ),
        Step(
            "conditions",
            _("Undertakings and contact"),
            "details",
            fields=("mla_request_to_follow", *URGENCY, *CONFIDENTIALITY, *CONTACT),
        ),
        REVIEW,
    ),
    "jit": (
        PARTIES,
        Step("proceedings", _("Investigations concerned"), "proceedings"),
        FACTS,
        Step("persons", _("Persons under investigation"), "persons", person_role="suspect"),
        Step(
            "team",
            _("The team"),
            "details",
            fields=(*PURPOSE, *CONFIDENTIALITY, *USE_LIMITS, *CONTACT),
            labels=(
                ("purpose", _("Purpose of the joint investigation team")),
                (
                    "procedure",
                    _(
                        "Proposed arrangements: period, members and leader, where it operates, "
                        "costs"
                    ),
                ),
            ),
            intro=_(
                "A joint investigation team is set up by agreement between the States "
                "concerned (UNTOC 19, UNCAC 49); this proposal sets out what it would do."
            ),
        ),
        ANNEXES,
        REVIEW,
    ),
}

# The part of the body a block repeats as numbered cards ("Offence 1", "Person 2").
REPEATED = {"proceedings": "offences", "persons": "persons", "annexes": "annexes"}

# The parts of the body the non-details blocks write.
_BLOCK_PARTS = {
    "parties": (
        "requested_state",
        "requested_authority",
        "legal_bases",
        "reference",
        "their_reference",
        "language",
    ),
    "proceedings": ("proceedings", "offences"),
    "facts": ("facts", "dual_criminality"),
    "persons": ("persons",),
    "measures": ("measures",),
    "annexes": ("annexes",),
    "review": (),
}


def flow(kind: str) -> tuple[Step, ...]:
    return FLOWS.get(kind, FLOWS["mla"])


def step(kind: str, slug: str) -> Step | None:
    return next((s for s in flow(kind) if s.slug == slug), None)


def step_parts(s: Step) -> tuple[str, ...]:
    """The parts of the body a step writes: two people saving different steps at once both keep
    their change; two saving the same step are told (views.py)."""
    if s.block == "details":
        return tuple(dict.fromkeys(body_part(f) for f in s.fields))
    return _BLOCK_PARTS[s.block]


def next_slug(kind: str, slug: str) -> str:
    slugs = [s.slug for s in flow(kind)]
    return slugs[min(slugs.index(slug) + 1, len(slugs) - 1)]


# --- The document: sections in the order a recipient expects for each kind ---------------------
_MLA_ORDER = (
    "requesting_authority",
    "legal_basis",
    "proceedings",
    "offences",
    "facts",
    "persons",
    "assistance",
    "purpose",
    "procedure",
    "dual_criminality",
    "warrant",
    "assurances",
    "property",
    "urgency",
    "confidentiality",
    "use_limits",
    "undertakings",
    "contact",
    "annexes",
)
_SURRENDER_ORDER = (
    "requesting_authority",
    "legal_basis",
    "urgency",
    "persons",
    "warrant",
    "proceedings",
    "offences",
    "facts",
    "dual_criminality",
    "assurances",
    "undertakings",
    "confidentiality",
    "contact",
    "annexes",
)
SECTION_ORDER = {
    "mla": _MLA_ORDER,
    "extradition": _SURRENDER_ORDER,
    "provisional_arrest": _SURRENDER_ORDER,
    "transfer_sentenced": (
        "requesting_authority",
        "legal_basis",
        "persons",
        "warrant",
        "offences",
        "facts",
        "proceedings",
        "purpose",
        "undertakings",
        "urgency",
        "confidentiality",
        "contact",
        "annexes",
    ),
    "confiscation": (
        "requesting_authority",
        "legal_basis",
        "proceedings",
        "offences",
        "facts",
        "persons",
        "property",
        "warrant",
        "assistance",
        "purpose",
        "procedure",
        "urgency",
        "confidentiality",
        "use_limits",
        "undertakings",
        "contact",
        "annexes",
    ),
    "preservation": (
        "requesting_authority",
        "legal_basis",
        "urgency",
        "offences",
        "facts",
        "assistance",
        "undertakings",
        "proceedings",
        "persons",
        "confidentiality",
        "contact",
        "annexes",
    ),
}


def section_order(kind: str) -> tuple[str, ...]:
    """The document's sections for `kind`, in order; a section filled in but not named for the
    kind (through the API, say) follows, in the order of a request for mutual legal assistance."""
    first = SECTION_ORDER.get(kind, _MLA_ORDER)
    return first + tuple(key for key in _MLA_ORDER if key not in first)
