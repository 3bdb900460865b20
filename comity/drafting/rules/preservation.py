"""Expedited preservation of stored computer data: the contents CETS-185 29(2)(a)–(f) requires."""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import Finding, filled, measure_value, rule

KINDS = {"preservation"}
PRESERVATION = "preservation_stored_data"


def _preservation_measures(body):
    return [(i, m) for i, m in enumerate(body.measures) if m.type == PRESERVATION]


def _measure_field(body, name: str, message: str):
    """One Finding per preservation measure lacking `name`."""
    for i, m in _preservation_measures(body):
        if not filled(measure_value(m, name)):
            yield Finding(message, field=f"measures.{i}.{name}")


@rule(
    id="preservation.requesting_authority",
    severity="error",
    citation="CETS-185 29(2)(a)",
    kinds=KINDS,
    field="requesting_authority",
)
def requesting_authority(body, ctx):
    """A preservation request must specify the authority seeking the preservation."""
    if not filled(body.requesting_authority):
        return _(
            "Say which authority seeks the preservation: choose it from the directory or give its name."
        )


@rule(
    id="preservation.offence_facts",
    severity="error",
    citation="CETS-185 29(2)(b)",
    kinds=KINDS,
)
def offence_facts(body, ctx):
    """A preservation request must specify the offence under investigation and give a brief summary of the facts."""
    if not any(filled(o.label) or filled(o.statute) for o in body.offences):
        yield Finding(_("Name the offence under investigation."), field="offences")
    if not filled(body.facts):
        yield Finding(_("Give a brief summary of the related facts."), field="facts")


@rule(
    id="preservation.data_relation",
    severity="error",
    citation="CETS-185 29(2)(c)",
    kinds=KINDS,
)
def data_relation(body, ctx):
    """A preservation request must specify the stored data to be preserved and its relationship to the offence."""
    if not _preservation_measures(body):
        yield Finding(
            _(
                "Add the measure “Expedited preservation of stored computer data” and describe the data."
            ),
            field="measures",
        )
    yield from _measure_field(
        body, "data", _("Specify the stored data to be preserved (accounts, identifiers, period).")
    )
    for i, m in _preservation_measures(body):
        if not filled(measure_value(m, "relation")):
            yield Finding(
                _("Explain how the data relate to the offence."), field=f"measures.{i}.relation"
            )


@rule(
    id="preservation.custodian",
    severity="error",
    citation="CETS-185 29(2)(d)",
    kinds=KINDS,
)
def custodian(body, ctx):
    """A preservation request must give any available information identifying the custodian of the data or the location of the computer system."""
    yield from _measure_field(
        body,
        "custodian",
        _(
            "Identify the custodian of the data (for example, the service provider) or where the computer system is."
        ),
    )


@rule(
    id="preservation.necessity",
    severity="error",
    citation="CETS-185 29(2)(e)",
    kinds=KINDS,
)
def necessity(body, ctx):
    """A preservation request must state why preservation is necessary."""
    yield from _measure_field(
        body,
        "necessity",
        _(
            "Say why the data must be preserved now (for example, the provider deletes logs after 90 days)."
        ),
    )


@rule(
    id="preservation.mla_to_follow",
    severity="error",
    citation="CETS-185 29(2)(f)",
    kinds=KINDS,
    field="undertakings.mla_request_to_follow",
)
def mla_to_follow(body, ctx):
    """A preservation request must state that a request for mutual assistance for search, seizure or disclosure of the data will follow."""
    if not body.undertakings.mla_request_to_follow:
        return _(
            "State that a request for mutual assistance to search, seize or disclose the data "
            "will follow, and tick the undertaking."
        )
