"""The guided flow: each step's form, how it reads the body and how it writes it back."""

from django.forms import formset_factory

from comity.drafting import flows
from comity.drafting import forms as f
from comity.drafting.measures import MEASURES
from comity.drafting.schema import UNDERTAKINGS, RequestBody


def _clean(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def _rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        row = {k: _clean(v) for k, v in data.items() if k != "DELETE"}
        if any(v not in ("", None, False) for v in row.values()):  # an unticked box is empty
            rows.append({k: (None if v == "" and k in NULLABLE else v) for k, v in row.items()})
    return rows


NULLABLE = {"date_of_birth", "max_penalty_years", "pages", "category"}
ASSURANCES = ("death_penalty", "retrial", "ne_bis_in_idem", "offence_nature")


# Field paths of the body whose form field has another name on a details step.
_CONDITIONS_NAMES = {
    "urgency.urgent": "urgent",
    "urgency.deadline": "deadline",
    "urgency.reason": "urgency_reason",
    "confidentiality.required": "confidential",
    "confidentiality.reason": "confidentiality_reason",
    "use_limits.stated": "use_limits_stated",
    "use_limits.text": "use_limits_text",
}
_FORMSETS = {"offences", "persons", "annexes"}


def field_place(path: str, kind: str = "mla") -> tuple[str, str]:
    """(step slug, id of the form field) where the body's field `path` ("persons.0.name") is
    entered in the flow of `kind`, so that a check can link to it; the id is empty when no
    single field matches."""
    if not path:
        return "review", ""
    parts = path.split(".")
    top = parts[0]
    step = next((s.slug for s in flows.flow(kind) if top in flows.step_parts(s)), "review")
    if top in _FORMSETS and len(parts) >= 3:
        return step, f"id_{top}-{parts[1]}-{parts[2]}"
    if top == "measures" and len(parts) >= 3:
        return step, f"id_m{parts[1]}-{parts[2]}"
    if top == "proceedings" and len(parts) == 2:
        return step, f"id_{parts[1]}"
    details = flows.step(kind, step)
    if details is not None and details.block == "details":
        if len(parts) == 1:  # the whole part: its first field on the step
            first = next(f for f in details.fields if flows.body_part(f) == top)
            return step, f"id_{first}"
        if top == "undertakings":
            return step, f"id_{parts[1]}"
        return step, "id_" + _CONDITIONS_NAMES.get(path, f"{parts[0]}_{parts[1]}")
    if len(parts) == 1:
        return step, f"id_{top}"
    return step, ""


# --- Reading the body into forms, and forms back into the body ----------------------------------
OffenceFormSet = formset_factory(f.OffenceForm, extra=1, can_delete=True)
PersonFormSet = formset_factory(f.PersonForm, extra=1, can_delete=True)
AnnexFormSet = formset_factory(f.AnnexForm, extra=1, can_delete=True)


def _part(body: dict, name: str) -> dict:
    """A part of the body with the schema's defaults for what it lacks: a request saved before a
    field was added to the schema has no value for it yet."""
    defaults = RequestBody.model_fields[name].default_factory().model_dump(mode="json")
    return {**defaults, **(body.get(name) or {})}


def conditions_initial(body: dict) -> dict:
    u, c, lim, w, und, p, ct, a, tr = (
        _part(body, name)
        for name in (
            "urgency",
            "confidentiality",
            "use_limits",
            "warrant",
            "undertakings",
            "property",
            "contact",
            "assurances",
            "transmission",
        )
    )
    return {
        "purpose": body["purpose"],
        "procedure": body["procedure"],
        "urgent": u["urgent"],
        "deadline": u["deadline"],
        "urgency_reason": u["reason"],
        "confidential": c["required"],
        "confidentiality_reason": c["reason"],
        "use_limits_stated": lim["stated"],
        "use_limits_text": lim["text"],
        "warrant_kind": w["kind"],
        "warrant_issued_by": w["issued_by"],
        "warrant_date": w["date"],
        "warrant_reference": w["reference"],
        "warrant_sentence": w["sentence"],
        **{f"warrant_{k}": w[k] for k in WARRANT_FIGURES},
        **{k: und[k] for k in UNDERTAKINGS},
        **{f"assurances_{k}": a[k] for k in ASSURANCES},
        "transmission_channel": tr["channel"],
        "transmission_reason": tr["reason"],
        "transmission_notice": tr["notice"],
        **{f"property_{k}": p[k] for k in ("description", "location", "value", "owner")},
        **{f"contact_{k}": ct[k] for k in ("name", "phone", "email")},
    }


WARRANT_FIGURES = (
    "enforceable",
    "sentence_months",
    "remaining_months",
    "indeterminate",
    "in_absentia",
    "time_in_custody",
)


def details_form(form, step: flows.Step):
    """Keep the fields a details step asks for, in the step's order, with its own labels."""
    form.fields = {name: form.fields[name] for name in step.fields}
    for name, label in step.labels:
        form.fields[name].label = label
    return form


def apply_conditions(body: dict, d: dict) -> None:
    """Write the step's values; fields the form did not show keep what the body had."""
    d = {**conditions_initial(body), **d}
    body["purpose"], body["procedure"] = d["purpose"], d["procedure"]
    body["urgency"] = {
        "urgent": d["urgent"],
        "deadline": _clean(d["deadline"]) or None,
        "reason": d["urgency_reason"],
    }
    body["confidentiality"] = {"required": d["confidential"], "reason": d["confidentiality_reason"]}
    body["use_limits"] = {"stated": d["use_limits_stated"], "text": d["use_limits_text"]}
    body["warrant"] = {
        **_part(body, "warrant"),
        "kind": d["warrant_kind"],
        "issued_by": d["warrant_issued_by"],
        "date": _clean(d["warrant_date"]) or None,
        "reference": d["warrant_reference"],
        "sentence": d["warrant_sentence"],
        **{k: d[f"warrant_{k}"] for k in WARRANT_FIGURES},
    }
    body["undertakings"] = {k: d[k] for k in UNDERTAKINGS}
    body["assurances"] = {k: d[f"assurances_{k}"] for k in ASSURANCES}
    body["transmission"] = {
        "channel": d["transmission_channel"],
        "reason": d["transmission_reason"],
        "notice": d["transmission_notice"],
    }
    body["property"] = {
        k: d[f"property_{k}"] for k in ("description", "location", "value", "owner")
    }
    body["contact"] = {k: d[f"contact_{k}"] for k in ("name", "phone", "email")}


def measure_forms(body: dict, data=None) -> list[tuple[int, dict, object]]:
    """(index, measure, bound or unbound form) for each measure already in the request."""
    out = []
    for index, measure in enumerate(body["measures"]):
        if measure.get("type") not in MEASURES:
            continue
        form_class = f.measure_form_class(measure["type"])
        initial = {k: v for k, v in measure.items() if k not in ("type", "id")}
        form = (
            form_class(data, prefix=f"m{index}", initial=initial)
            if data is not None
            else form_class(prefix=f"m{index}", initial=initial)
        )
        form.measure_label = MEASURES[measure["type"]].label  # the heading, in words
        out.append((index, measure, form))
    return out


def apply_measures(body: dict, forms: list, data) -> bool:
    """Write the measure forms back; add or remove measures as asked. False if a form is invalid."""
    if not all(form.is_valid() for _i, _m, form in forms):
        return False
    removed = set(data.getlist("remove_measure"))
    measures = []
    for index, measure, form in forms:
        if str(index) in removed:
            continue
        measures.append(
            {
                "type": measure["type"],
                "id": measure.get("id") or f"m{index + 1}",
                **{k: _clean(v) for k, v in form.cleaned_data.items()},
            }
        )
    added = data.get("add_measure")
    if added in MEASURES:
        measures.append({"type": added, "id": f"m{len(measures) + 1}"})
    body["measures"] = measures
    return True
