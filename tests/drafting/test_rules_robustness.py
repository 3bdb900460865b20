"""run_checks never raises: whatever a client sends, the answer is a list of checks."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from comity.drafting.measures import MEASURES
from comity.drafting.rules import Check, CheckContext, run_checks
from tests.drafting.conftest import BODIES

KINDS = ["mla", "confiscation", "preservation", "extradition", "provisional_arrest", "jit"]
FIELDS = [
    "kind",
    "requested_state",
    "legal_bases",
    "proceedings",
    "offences",
    "facts",
    "persons",
    "measures",
    "urgency",
    "confidentiality",
    "use_limits",
    "warrant",
    "undertakings",
    "property",
    "language",
    "annexes",
    "dual_criminality",
]
SEVERE = {"error", "warning", "advice"}

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
measure_like = st.fixed_dictionaries(
    {"type": st.sampled_from([*MEASURES, "", "teleportation"])},
    optional={
        "accounts": json_values | st.just("DE89370400440532013001"),
        "period_from": json_values | st.dates().map(str),
        "period_to": json_values | st.dates().map(str),
        "extent": json_values,
        "property": json_values,
        "data": json_values,
    },
)
contexts = st.builds(
    CheckContext,
    requested_state=st.sampled_from(["", "DEU"]),
    has_profile=st.booleans(),
    languages=st.lists(st.sampled_from(["de", "en", "fr", ""]), max_size=3).map(tuple),
    dual_criminality=st.sampled_from(["never", "coercive", "always", "unknown", "nonsense"]),
    formalities=st.lists(st.sampled_from(["signature", "seal", "unheard_of"]), max_size=2).map(
        tuple
    ),
    special_requirements=st.text(max_size=20),
    video_hearing=st.sampled_from(["yes", "no", "unknown"]),
    legal_bases=st.lists(st.sampled_from(["UNTOC", "UNCAC", "CETS-185", "ETS-024"])).map(tuple),
)


def _assert_checks(checks):
    assert isinstance(checks, list)
    for check in checks:
        assert isinstance(check, Check)
        assert check.severity in SEVERE
        assert isinstance(check.field, str) and check.message
    json.dumps([c.as_dict() for c in checks])


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(list(BODIES)),
    garbage=st.dictionaries(st.sampled_from(FIELDS), json_values, min_size=1, max_size=4),
    context=contexts,
)
def test_garbage_in_any_field_of_a_complete_body_gives_checks(kind, garbage, context):
    body = json.loads(json.dumps(BODIES[kind]))
    body.update(garbage)
    _assert_checks(run_checks(body, context=context))


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    measures=st.lists(measure_like | json_values, max_size=4),
    context=contexts,
)
def test_any_measures_give_checks(kind, measures, context):
    body = {**json.loads(json.dumps(BODIES["mla"])), "kind": kind, "measures": measures}
    _assert_checks(run_checks(body, context=context))


@settings(max_examples=100, deadline=None)
@given(body=json_values)
def test_any_json_at_all_gives_checks(body):
    _assert_checks(run_checks(body))
