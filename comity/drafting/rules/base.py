"""The contents every request for assistance must have: UNTOC 18(15)(a)–(f), UNCAC 46(15).

They apply to confiscation requests too, which article 13(3) makes subject to article 18.
"""

import datetime
import re

from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from comity.drafting.measures import MEASURES
from comity.drafting.rules.engine import (
    ALL_KINDS,
    Finding,
    as_date,
    filled,
    measure_types,
    measure_value,
    rule,
)
from comity.geo.codes import STATE_CODES

MLA_LIKE = {"mla", "confiscation"}
SERVICE_ONLY = {"service_of_documents"}
# Two letters, two check digits, then the account: the shape of an IBAN. Other account numbers
# (plain digits, US routing and account numbers, …) are taken as written.
IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}")


@rule(
    id="mla.requesting_authority",
    severity="error",
    citation="UNTOC 18(15)(a) | UNCAC 46(15)(a)",
    kinds=MLA_LIKE,
    field="requesting_authority",
)
def requesting_authority(body, ctx):
    """A request must state the identity of the authority making it."""
    if not filled(body.requesting_authority):
        return _(
            "Say which authority makes the request: choose it from the directory or give its name."
        )


@rule(
    id="mla.proceedings_subject",
    severity="error",
    citation="UNTOC 18(15)(b) | UNCAC 46(15)(b)",
    kinds=MLA_LIKE,
    field="proceedings.description",
)
def proceedings_subject(body, ctx):
    """A request must state the subject matter and nature of the investigation, prosecution or proceeding."""
    if not filled(body.proceedings.description):
        return _(
            "Describe the proceedings: their subject matter and nature (for example, a criminal "
            "investigation into money laundering against two suspects)."
        )


@rule(
    id="mla.conducting_authority",
    severity="error",
    citation="UNTOC 18(15)(b) | UNCAC 46(15)(b)",
    kinds=MLA_LIKE,
    field="proceedings.authority",
)
def conducting_authority(body, ctx):
    """A request must give the name and functions of the authority conducting the proceedings."""
    if not filled(body.proceedings.authority):
        return _(
            "Give the name and functions of the authority conducting the proceedings (for "
            "example, the prosecutor in charge of the investigation)."
        )


@rule(
    id="mla.offences_described",
    severity="warning",
    citation="UNTOC 18(15)(b) | UNCAC 46(15)(b)",
    kinds=MLA_LIKE,
    field="offences",
)
def offences_described(body, ctx):
    """The nature of the proceedings is normally shown by the offences they concern."""
    if not any(filled(o.label) or filled(o.statute) for o in body.offences):
        return _(
            "List at least one offence under investigation, with the provision that defines it."
        )


@rule(
    id="mla.facts_summary",
    severity="error",
    citation={
        "mla": "UNTOC 18(15)(c) | UNCAC 46(15)(c)",
        "confiscation": "UNTOC 13(3) | UNCAC 55(3)",
    },
    kinds=MLA_LIKE,
    field="facts",
)
def facts_summary(body, ctx):
    """A request must summarise the relevant facts, except a request only for service of documents."""
    types = measure_types(body)
    if types and types <= SERVICE_ONLY:
        return None
    if not filled(body.facts):
        return _(
            "Summarise the relevant facts: what happened, when and where, who was involved, and "
            "how the assistance sought relates to them."
        )


@rule(
    id="mla.measures_present",
    severity="error",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
    field="measures",
)
def measures_present(body, ctx):
    """A request must describe the assistance sought."""
    if not body.measures:
        return _("Add at least one measure: the assistance you ask the requested State to give.")


@rule(
    id="mla.measure_type",
    severity="error",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
)
def measure_type(body, ctx):
    """Each measure must be a kind of assistance the requested State can recognise."""
    for i, m in enumerate(body.measures):
        if m.type not in MEASURES:
            yield Finding(
                _("“%(type)s” is not a known kind of assistance. Choose one from the list.")
                % {"type": m.type},
                field=f"measures.{i}.type",
            )


@rule(
    id="mla.measure_kind",
    severity="warning",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
)
def measure_kind(body, ctx):
    """Each measure should be one that this kind of request provides for."""
    for i, m in enumerate(body.measures):
        known = MEASURES.get(m.type)
        if known and body.kind not in known.kinds:
            yield Finding(
                _(
                    "%(measure)s is not asked for in this kind of request. Move it to a request "
                    "of the right kind, or remove it."
                )
                % {"measure": known.label},
                field=f"measures.{i}.type",
            )


@rule(
    id="mla.measure_fields",
    severity="error",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
)
def measure_fields(body, ctx):
    """The description of each measure must contain what the requested State needs to execute it."""
    for i, m in enumerate(body.measures):
        known = MEASURES.get(m.type)
        for spec in known.fields if known else ():
            if spec.required and not filled(measure_value(m, spec.name)):
                yield Finding(
                    _("%(measure)s: fill in “%(field)s”.")
                    % {"measure": known.label, "field": spec.label},
                    field=f"measures.{i}.{spec.name}",
                )


@rule(
    id="mla.iban",
    severity="error",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
)
def iban(body, ctx):
    """Accounts must be identified correctly for the bank to find them."""
    for i, m in enumerate(body.measures):
        known = MEASURES.get(m.type)
        for spec in known.fields if known else ():
            if spec.kind != "iban_list":
                continue
            where = f"measures.{i}.{spec.name}"
            for entry in _entries(measure_value(m, spec.name)):
                compact = re.sub(r"\s+", "", entry).upper()
                if not IBAN_SHAPE.fullmatch(compact):
                    continue
                try:
                    IBAN(compact)
                except SchwiftyException:
                    yield Finding(
                        _(
                            "“%(value)s” is not a valid IBAN: check the country code, the length "
                            "and the two check digits against the bank statement."
                        )
                        % {"value": entry},
                        field=where,
                    )


def _entries(value: str | list[str] | None) -> list[str]:
    """The account numbers of a field: one per line (or comma), or a list (schema.Measure)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[\n,;]+", value)
    return [v.strip() for v in value if v.strip()]


@rule(
    id="mla.measure_period",
    severity="error",
    citation="UNTOC 18(15)(d) | UNCAC 46(15)(d)",
    kinds=MLA_LIKE,
)
def measure_period(body, ctx):
    """The period a measure covers must be made of real dates, the start not after the end."""
    for i, m in enumerate(body.measures):
        known = MEASURES.get(m.type)
        dates = {}
        for spec in known.fields if known else ():
            if spec.kind != "date":
                continue
            dates[spec.name] = as_date(measure_value(m, spec.name))
            if dates[spec.name] is False:
                yield Finding(
                    _("“%(field)s” is not a date. Enter it as YYYY-MM-DD.") % {"field": spec.label},
                    field=f"measures.{i}.{spec.name}",
                )
        start, end = dates.get("period_from"), dates.get("period_to")
        if start and end and start > end:
            yield Finding(
                _("The period ends before it starts. Check the dates “from” and “to”."),
                field=f"measures.{i}.period_to",
            )


@rule(
    id="mla.persons_concerned",
    severity="warning",
    citation="UNTOC 18(15)(e) | UNCAC 46(15)(e)",
    kinds=MLA_LIKE,
    field="persons",
)
def persons_concerned(body, ctx):
    """Where possible, a request must give the identity, location and nationality of any person concerned."""
    if not body.persons:
        yield _("List the persons concerned (suspects, witnesses, account holders) where you can.")
    for i, p in enumerate(body.persons):
        if not filled(p.name):
            yield Finding(
                _("Give the person's name, or say that it is unknown."), field=f"persons.{i}.name"
            )
        if not filled(p.nationality):
            yield Finding(
                _("Give the person's nationality if it is known."), field=f"persons.{i}.nationality"
            )
        if not (filled(p.address) or filled(p.location)):
            yield Finding(
                _("Say where the person is or is believed to be, if it is known."),
                field=f"persons.{i}.location",
            )


@rule(
    id="mla.purpose",
    severity="error",
    citation="UNTOC 18(15)(f) | UNCAC 46(15)(f)",
    kinds=MLA_LIKE,
    field="purpose",
)
def purpose(body, ctx):
    """A request must state the purpose for which the evidence, information or action is sought."""
    if not filled(body.purpose):
        return _(
            "State the purpose: what the evidence, information or action will be used for (for "
            "example, as evidence at the trial of the suspects)."
        )


@rule(
    id="persons.identity_plausible",
    severity="error",
    citation="UNTOC 18(15)(e) | UN Model Treaty on Extradition art. 5(2)(a)",
    kinds=ALL_KINDS,
    field="persons",
)
def identity_plausible(body, ctx):
    """What identifies a person must be possible: a nationality is a State, a birth is in the past."""
    today = datetime.date.today()
    for i, p in enumerate(body.persons):
        if filled(p.nationality) and p.nationality.upper() not in STATE_CODES:
            yield Finding(
                _(
                    "“%(value)s” is not a State: choose the State of nationality from the list "
                    "(its ISO code, e.g. UKR)."
                )
                % {"value": p.nationality},
                field=f"persons.{i}.nationality",
            )
        if p.date_of_birth and p.date_of_birth > today:
            yield Finding(
                _("A date of birth cannot be in the future. Check the year."),
                field=f"persons.{i}.date_of_birth",
            )
