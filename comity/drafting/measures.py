"""The catalogue of assistance measures: what each is, what it rests on, and the fields it needs.

Codes are API contract (API.md). `coercive` marks measures for which requested States commonly
require dual criminality; `provisions` cite where the measure is provided for.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MeasureField:
    name: str
    label: str
    kind: str = "text"  # text | textarea | date | iban_list | list
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class MeasureType:
    code: str
    label: str
    provisions: tuple[str, ...]
    fields: tuple[MeasureField, ...]
    coercive: bool = False
    kinds: tuple[str, ...] = ("mla",)


F = MeasureField

PERSON = F("person", _("Person concerned (name as in the request's list of persons)"))
GROUNDS = F("grounds", _("Grounds linking it to the offence"), "textarea", True)
# Real-time collection of traffic data and interception ask for the same facts.
SURVEILLANCE = (
    F("target", _("Communications or identifiers concerned"), "textarea", True),
    F("period_from", _("From"), "date", True),
    F("period_to", _("To"), "date", True),
    GROUNDS,
)

MEASURES: dict[str, MeasureType] = {
    m.code: m
    for m in (
        MeasureType(
            "testimony",
            _("Taking evidence or statements"),
            ("UNTOC 18(3)(a)", "UNCAC 46(3)(a)"),
            (
                F("witness", _("Witness or person to be heard"), required=True),
                F("status", _("Capacity (witness, suspect, expert, victim)"), required=True),
                F("questions", _("Questions to be put"), "textarea", True),
                F("procedure", _("Procedure to follow (oath, caution, recording)"), "textarea"),
                F(
                    "presence",
                    _("Officials of the requesting State asking to be present"),
                    "textarea",
                ),
            ),
        ),
        MeasureType(
            "service_of_documents",
            _("Service of judicial documents"),
            ("UNTOC 18(3)(b)", "UNCAC 46(3)(b)"),
            (
                F("addressee", _("Person to be served"), required=True),
                F("address", _("Address for service"), "textarea", True),
                F("documents", _("Documents to be served"), "textarea", True),
                F("proof", _("Proof of service required"), "textarea"),
            ),
        ),
        MeasureType(
            "search_and_seizure",
            _("Search and seizure"),
            ("UNTOC 18(3)(c)", "UNCAC 46(3)(c)"),
            (
                F("premises", _("Premises or place to be searched"), "textarea", True),
                F("items", _("Items to be seized"), "textarea", True),
                GROUNDS,
            ),
            coercive=True,
        ),
        MeasureType(
            "freezing",
            _("Freezing of property"),
            ("UNTOC 18(3)(c)", "UNTOC 13(2)", "UNCAC 46(3)(c)"),
            (
                F("property", _("Property to be frozen"), "textarea", True),
                F("owner", _("Owner or holder")),
                GROUNDS,
            ),
            coercive=True,
            kinds=("mla", "confiscation"),
        ),
        MeasureType(
            "examination_of_objects_or_sites",
            _("Examination of objects and sites"),
            ("UNTOC 18(3)(d)", "UNCAC 46(3)(d)"),
            (
                F("object", _("Object or site to be examined"), "textarea", True),
                F("purpose", _("What the examination should establish"), "textarea", True),
            ),
        ),
        MeasureType(
            "information_and_evidence",
            _("Information, evidentiary items and expert evaluations"),
            ("UNTOC 18(3)(e)", "UNCAC 46(3)(e)"),
            (F("information", _("Information or items sought"), "textarea", True),),
        ),
        MeasureType(
            "bank_records",
            _("Bank and financial records"),
            ("UNTOC 18(3)(f)", "UNTOC 18(8)", "UNCAC 46(3)(f)"),
            (
                F("bank", _("Bank or financial institution"), required=True),
                F(
                    "accounts",
                    _("Account identifiers (IBAN or account numbers)"),
                    "iban_list",
                    True,
                    _("One per line. IBANs are checked."),
                ),
                F("holder", _("Account holder"), required=True),
                F("period_from", _("Period from"), "date", True),
                F("period_to", _("Period to"), "date", True),
                F(
                    "documents",
                    _("Documents sought (statements, opening documents, …)"),
                    "textarea",
                    True,
                ),
            ),
            coercive=True,
        ),
        MeasureType(
            "business_records",
            _("Government, corporate or business records"),
            ("UNTOC 18(3)(f)", "UNCAC 46(3)(f)"),
            (
                F("holder", _("Holder of the records"), required=True),
                F("records", _("Records sought"), "textarea", True),
                F("period_from", _("Period from"), "date"),
                F("period_to", _("Period to"), "date"),
            ),
        ),
        MeasureType(
            "identify_trace_proceeds",
            _("Identifying or tracing proceeds of crime"),
            ("UNTOC 18(3)(g)", "UNCAC 46(3)(g)", "UNCAC 46(3)(j)"),
            (
                F("property", _("Proceeds, property or instrumentalities"), "textarea", True),
                GROUNDS,
            ),
            kinds=("mla", "confiscation"),
        ),
        MeasureType(
            "voluntary_appearance",
            _("Voluntary appearance of a person in the requesting State"),
            ("UNTOC 18(3)(h)", "UNCAC 46(3)(h)"),
            (
                F("person", _("Person invited"), required=True),
                F(
                    "proceedings",
                    _("Proceedings in which to appear, date and place"),
                    "textarea",
                    True,
                ),
                F("expenses", _("Expenses and safe conduct offered (art. 18(27))"), "textarea"),
            ),
        ),
        MeasureType(
            "video_hearing",
            _("Hearing by video link"),
            ("UNTOC 18(18)", "UNCAC 46(18)"),
            (
                F("witness", _("Witness or expert to be heard"), required=True),
                F("date", _("Proposed date"), "date"),
                F("technical", _("Technical arrangements and contact"), "textarea", True),
                F(
                    "judicial_authority",
                    _("Judicial authority conducting the hearing"),
                    required=True,
                ),
            ),
        ),
        MeasureType(
            "temporary_transfer_detained",
            _("Temporary transfer of a detained person to testify"),
            ("UNTOC 18(10)", "UNTOC 18(11)", "UNTOC 18(12)"),
            (
                F("person", _("Detained person"), required=True),
                F(
                    "consent",
                    _("Person's informed consent (how it was or will be obtained)"),
                    "textarea",
                    True,
                ),
                F("custody", _("Custody arrangements and date of return"), "textarea", True),
            ),
        ),
        MeasureType(
            "preservation_stored_data",
            _("Expedited preservation of stored computer data"),
            ("CETS-185 29",),
            (
                F("data", _("Data to be preserved"), "textarea", True),
                F("custodian", _("Custodian or location of the computer system"), "textarea", True),
                F("relation", _("How the data relate to the offence"), "textarea", True),
                F("necessity", _("Why preservation is necessary"), "textarea", True),
            ),
            kinds=("mla", "preservation"),
        ),
        MeasureType(
            "stored_data_disclosure",
            _("Access to or disclosure of stored computer data"),
            ("CETS-185 31",),
            (
                F("data", _("Data sought"), "textarea", True),
                F("custodian", _("Service provider or custodian"), "textarea", True),
                F("preservation_reference", _("Reference of the preservation request, if any")),
            ),
            coercive=True,
        ),
        MeasureType(
            "traffic_data_realtime",
            _("Real-time collection of traffic data"),
            ("CETS-185 33",),
            SURVEILLANCE,
            coercive=True,
        ),
        MeasureType(
            "interception",
            _("Interception of content data"),
            ("CETS-185 34",),
            SURVEILLANCE,
            coercive=True,
        ),
        MeasureType(
            "controlled_delivery",
            _("Controlled delivery"),
            ("UNTOC 20", "UN-1988 11"),
            (
                F("consignment", _("Consignment and route"), "textarea", True),
                F(
                    "arrangements",
                    _("Arrangements (interception, replacement, surveillance)"),
                    "textarea",
                    True,
                ),
            ),
        ),
        MeasureType(
            "confiscation_order_enforcement",
            _("Enforcement of a confiscation order"),
            ("UNTOC 13(1)(b)", "UNCAC 55(1)(b)"),
            (
                F("order", _("The order: court, date, reference"), "textarea", True),
                F("property", _("Property covered"), "textarea", True),
                F("extent", _("Extent to which execution is requested"), "textarea", True),
                # Required by UNCAC 55(3)(b) only: checked in rules/confiscation.py.
                F("final", _("Statement that the order is final"), "textarea"),
                F(
                    "third_parties",
                    _("Notice given to bona fide third parties"),
                    "textarea",
                ),
                F("due_process", _("How due process was ensured"), "textarea"),
            ),
            coercive=True,
            kinds=("confiscation",),
        ),
        MeasureType(
            "other",
            _("Other assistance"),
            ("UNTOC 18(3)(i)", "UNCAC 46(3)(i)"),
            (F("description", _("Assistance sought"), "textarea", True),),
        ),
    )
}


def measure_choices(kind: str = "mla") -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in MEASURES.values() if kind in m.kinds]
