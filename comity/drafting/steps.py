"""The guided flow: each step's form, how it reads the body and how it writes it back."""

from django.forms import formset_factory

from comity.drafting import flows
from comity.drafting import forms as f
from comity.drafting.measures import MEASURES
from comity.drafting.schema import RequestBody


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
_FORMSETS = set(flows.REPEATED.values())


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
        field = flows.DETAILS_FIELDS.get(path)
        if field is None and len(parts) == 1:  # a whole part: its first field on the step
            field = next(f for f in details.fields if flows.body_part(f) == top)
        return step, f"id_{field}" if field else ""
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
    """The details block's fields with their values in `body` (flows.DETAILS_PATHS)."""
    initial = {}
    for field, path in flows.DETAILS_PATHS.items():
        top, _dot, key = path.partition(".")
        initial[field] = _part(body, top)[key] if key else body[top]
    return initial


def details_form(form, step: flows.Step):
    """Keep the fields a details step asks for, in the step's order, with its own labels."""
    form.fields = {name: form.fields[name] for name in step.fields}
    for name, label in step.labels:
        form.fields[name].label = label
    return form


def apply_conditions(body: dict, cleaned: dict) -> None:
    """Write the values of the fields the step showed; the others keep what the body had."""
    for field, value in cleaned.items():
        top, _dot, key = flows.DETAILS_PATHS[field].partition(".")
        value = value.isoformat() if hasattr(value, "isoformat") else value
        if key:
            body[top] = {**_part(body, top), key: value}
        else:
            body[top] = value


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
