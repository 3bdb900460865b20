"""Request writer pages: the list, a new request, the guided steps, versions, review."""

import copy
import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comity.casework import selectors as casework
from comity.drafting import flows, rendering, selectors, services, steps
from comity.drafting.forms import (
    DOC_LANGUAGES,
    ConditionsForm,
    FactsForm,
    NewRequestForm,
    PartiesForm,
    ProceedingsForm,
)
from comity.drafting.measures import measure_choices
from comity.drafting.models import Status
from comity.drafting.schema import empty_body
from comity.geo.selectors import localized_country_choices, ui_language
from comity.liaison import selectors as liaison_selectors
from comity.library import selectors as library_selectors
from comity.library.vocabulary import CRIME_OF_OFFENCE
from comity.networks import selectors as network_selectors
from comity.treaties.legal_basis import RECIPROCITY, legal_basis
from comity.treaties.selectors import addressees
from comity.treaties.vocabulary import Applies


def _owned(request, pk, *, to_edit: bool = False):
    found = selectors.request_for(request.user, pk, to_edit=to_edit)
    if found is None:
        raise Http404
    return found


def _countries():
    return localized_country_choices(ui_language())


@login_required
@require_GET
def request_list(request):
    q = request.GET.get("q", "").strip()[:200]
    requests = (
        selectors.find_requests(request.user, q)
        if q
        else selectors.requests_for(request.user).order_by("-updated_at")[:200]
    )
    requests = list(requests)
    cases = casework.cases_of_requests(request.user, [r.pk for r in requests])
    return render(
        request,
        "drafting/request_list.html",
        {
            "requests": requests,
            "rows": [(r, cases.get(r.pk)) for r in requests],
            "q": q,
            "can_draft": selectors.can_draft(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    if not selectors.can_draft(request.user):
        raise Http404
    form = NewRequestForm(request.POST or None, countries=_countries())
    if request.method == "POST" and form.is_valid():
        owner = request.user.authority
        body = empty_body(kind=form.cleaned_data["kind"], requesting_state=owner.country_id)
        body["requested_state"] = form.cleaned_data["requested_state"]
        body["requesting_authority"] = str(owner.pk)
        body["language"] = _suggested_language(body)
        created = services.create_request(owner=owner, data=body, actor=request.user)
        return redirect("drafting:step", pk=created.pk, step="parties")
    return render(request, "drafting/request_new.html", {"form": form})


def _suggested_language(body: dict) -> str:
    """The first document language the requested State accepts, else English."""
    return next(iter(_accepted_languages(body)), "en")


def _accepted_languages(body: dict, addressee=None) -> list[str]:
    if not body.get("requested_state"):
        return []
    return selectors.accepted_languages(body["requested_state"], body["kind"], addressee)


def _parties_options(body: dict):
    if not body["requested_state"]:
        return [], []
    authorities = [(str(a.pk), a.name) for a in addressees(body["requested_state"], body["kind"])]
    answer = legal_basis(
        requesting=body["requesting_state"], requested=body["requested_state"], kind=body["kind"]
    )
    bases = [
        (b.instrument, f"{b.instrument} — {b.title} ({b.applies})")
        for b in answer.bases
        if b.instrument != RECIPROCITY and b.applies != Applies.NO
    ]
    bases += [(code, code) for code in body["legal_bases"] if code not in dict(bases)]
    return authorities, bases


def _step_forms(step: flows.Step, body: dict, data):
    """The forms of one step, bound to `data` when given."""
    if step.block == "parties":
        authorities, bases = _parties_options(body)
        initial = {k: body[k] for k in flows.step_parts(step)}
        return {
            "form": PartiesForm(
                data, initial=initial, countries=_countries(), authorities=authorities, bases=bases
            )
        }
    if step.block == "proceedings":
        return {
            "form": ProceedingsForm(data, initial=body["proceedings"]),
            "formset": steps.OffenceFormSet(data, initial=body["offences"], prefix="offences"),
        }
    if step.block == "facts":
        return {
            "form": FactsForm(data, initial={k: body[k] for k in ("facts", "dual_criminality")})
        }
    if step.block == "persons":
        formset = steps.PersonFormSet(
            data, initial=body["persons"], prefix="persons", form_kwargs={"countries": _countries()}
        )
        if data is None and step.person_role:
            for form in formset.extra_forms:
                form.initial = {**form.initial, "role": step.person_role}
        return {"formset": formset}
    if step.block == "measures":
        if step.measure and not body["measures"]:
            body["measures"] = [{"type": step.measure, "id": "m1"}]
        return {"measure_forms": steps.measure_forms(body, data)}
    if step.block == "details":
        form = ConditionsForm(data, initial=steps.conditions_initial(body))
        return {"form": steps.details_form(form, step)}
    if step.block == "annexes":
        return {"formset": steps.AnnexFormSet(data, initial=body["annexes"], prefix="annexes")}
    return {}


def _apply(step: flows.Step, body: dict, forms: dict, data) -> bool:
    """Write valid step forms into `body`; False when a form has errors."""
    form, formset = forms.get("form"), forms.get("formset")
    if (form is not None and not form.is_valid()) or (
        formset is not None and not formset.is_valid()
    ):
        return False
    if step.block == "parties":
        body.update({k: form.cleaned_data[k] for k in flows.step_parts(step)})
    elif step.block == "proceedings":
        body["proceedings"] = form.cleaned_data
        body["offences"] = steps._rows(formset)
    elif step.block == "facts":
        body.update(form.cleaned_data)
    elif step.block == "persons":
        body["persons"] = steps._rows(formset)
    elif step.block == "measures":
        return steps.apply_measures(body, forms["measure_forms"], data)
    elif step.block == "details":
        steps.apply_conditions(body, form.cleaned_data)
    elif step.block == "annexes":
        body["annexes"] = steps._rows(formset)
    return True


def _checks(body: dict):
    from comity.drafting.rules import context_for, run_checks

    return run_checks(body, context=context_for(body))


@dataclass
class Conflict:
    """Someone saved the same step since the page was opened: who, when, and what they changed."""

    current: object  # the request as saved now
    seen: int
    changes: list[tuple[str, str, str]]  # (field, value then, value now)
    author: str


def _conflict(found, seen: int, keys, forms) -> Conflict | None:
    """The other changes to `keys` since version `seen`, or None when there are none."""
    if seen == found.version:
        return None
    versions = {v.number: v for v in found.versions.filter(number__in=(seen, found.version))}
    if seen not in versions or found.version not in versions:
        return None
    changes = [
        (_label_for(path, forms), before, after)
        for path, before, after in selectors.compare_versions(
            versions[seen], versions[found.version]
        )
        if path.split(".")[0] in keys
    ]
    if not changes:
        return None
    author = versions[found.version].author
    return Conflict(
        current=found,
        seen=seen,
        changes=changes,
        author=author.get_full_name() or author.get_username(),
    )


_BLOCK_TITLES = {
    "offences": gettext_lazy("Offence"),
    "persons": gettext_lazy("Person"),
    "annexes": gettext_lazy("Annex"),
    "measures": gettext_lazy("Measure"),
}


def _label_for(path: str, forms: dict) -> str:
    """The label the step's form shows for a body path ("persons.0.name" -> "Person 1: Full name")."""
    parts = path.split(".")
    fields = {}
    for form in (forms.get("form"), getattr(forms.get("formset"), "empty_form", None)):
        if form is not None:
            fields.update(form.fields)
    block = ""
    if len(parts) >= 3 and parts[1].isdigit() and parts[0] in _BLOCK_TITLES:
        block = f"{_BLOCK_TITLES[parts[0]]} {int(parts[1]) + 1}"
        for index, _measure, form in forms.get("measure_forms", []):
            if str(index) == parts[1]:
                fields.update(form.fields)
        parts = parts[2:]
    names = (parts[-1], flows.DETAILS_FIELDS.get(".".join(parts), ""))
    label = next((str(fields[n].label) for n in names if n in fields), ".".join(parts))
    return f"{block}: {label}" if block else label


def _seen_version(data, found) -> int:
    try:
        return int(data.get("version", found.version))
    except (TypeError, ValueError):
        return found.version


def _render_step(request, found, step, body, forms, *, status=200, conflict=None, version=None):
    return render(
        request,
        "drafting/step_measures.html" if step.block == "measures" else "drafting/step_form.html",
        {
            "req": found,
            "body": body,
            "step": step.slug,
            "current": step,
            "steps": flows.flow(found.kind),
            "formset_label": _BLOCK_TITLES.get(flows.REPEATED.get(step.block, ""), ""),
            **forms,
            "checks": _checks(found.data),
            "measure_types": measure_choices(found.kind),
            "read_only": found.status != Status.DRAFT,
            "version_seen": version or found.version,
            "conflict": conflict,
            "library": _library_panel(request, found, step),
            "counterparts": _counterparts(request, found),
            "informal_origins": liaison_selectors.origins(request.user, found.pk),
        },
        status=status,
    )


LIBRARY_STEPS = frozenset({"proceedings", "review"})


def _counterparts(request, found) -> list:
    """The requested State's focal points in the networks of the user's State ("your
    counterpart in WACAP for Ghana"), to call before sending or when the request is urgent."""
    if not found.requested_state_id:
        return []
    return network_selectors.counterparts(request.user, found.requested_state_id)


def _library_panel(request, found, step) -> dict | None:
    """The requested State's legislation and its case law on the offences at hand, from the
    library, on the steps where the offences are written and reviewed."""
    if step.block not in LIBRARY_STEPS or not found.requested_state_id:
        return None
    categories = [o.get("category") for o in found.data.get("offences", []) if isinstance(o, dict)]
    crimes = sorted({CRIME_OF_OFFENCE[c] for c in categories if c in CRIME_OF_OFFENCE})
    found_docs = library_selectors.for_request(
        request.user, found.requested_state_id, crimes, limit=5
    )
    return {"state": found.requested_state_id, "crimes": crimes, **found_docs}


@login_required
@require_http_methods(["GET", "POST"])
def request_step(request, pk, step):
    """One step of the guided flow. What the user typed is never lost: a failed save, a
    conflicting save by someone else or a final request all show the form again as it was sent."""
    found = _owned(request, pk, to_edit=request.method == "POST")
    step = flows.step(found.kind, step)
    if step is None:
        raise Http404
    if step.block == "review":
        return _review(request, found, step)
    body = copy.deepcopy(found.data)
    data = request.POST if request.method == "POST" else None
    forms = _step_forms(step, body, data)
    if data is None:
        return _render_step(request, found, step, body, forms)
    if found.status != Status.DRAFT:
        messages.error(
            request,
            _("This request is final: nothing was saved. Reopen it as a draft to change it."),
        )
        return _render_step(request, found, step, body, forms, status=409)
    if not _apply(step, body, forms, data):
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        return _render_step(request, found, step, body, forms, version=_seen_version(data, found))
    keys = flows.step_parts(step)
    seen = _seen_version(data, found)
    conflict = None if "overwrite" in data else _conflict(found, seen, keys, forms)
    if conflict is None:
        changes = {key: body[key] for key in keys if body[key] != found.data.get(key)}
        try:
            services.update_request(
                request=found,
                changes=changes,
                expected_version=found.version,
                actor=request.user,
                note=f"step {step.slug}",
            )
        except services.RequestInputError as exc:
            for error in exc.errors:
                messages.error(request, f"{error['field']}: {error['message']}")
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            return _render_step(request, found, step, body, forms, version=seen, status=400)
        except services.StaleVersion as exc:
            found = exc.current
            conflict = _conflict(found, seen, keys, forms)
        else:
            messages.success(request, _("Saved."))
            stay = "stay" in data or step.block == "measures"
            target = step.slug if stay else flows.next_slug(found.kind, step.slug)
            return redirect("drafting:step", pk=found.pk, step=target)
    return _render_step(
        request, found, step, body, forms, status=409, conflict=conflict, version=found.version
    )


@login_required
@require_POST
def live_checks(request, pk, step):
    """The checks panel for what is in the form now, without saving (htmx)."""
    found = _owned(request, pk)
    body = copy.deepcopy(found.data)
    current = flows.step(found.kind, step)
    if current is not None:
        _apply(current, body, _step_forms(current, body, request.POST), request.POST)
    try:
        body = services.validate_body(body)
    except services.RequestInputError:
        body = found.data
    return render(request, "drafting/_checks.html", {"checks": _checks(body), "req": found})


def _document_languages(found) -> dict:
    """The document languages as (code, name): those the requested State accepts, and the
    others."""
    first = _accepted_languages(found.data, rendering.addressee(found))
    names = dict(DOC_LANGUAGES)
    return {
        "accepted_languages": [(code, names[code]) for code in first],
        "other_languages": [(code, name) for code, name in DOC_LANGUAGES if code not in first],
    }


def _review(request, found, step):
    versions = list(found.versions.select_related("author")[:50])
    return render(
        request,
        "drafting/step_review.html",
        {
            "req": found,
            "body": found.data,
            "step": step.slug,
            "current": step,
            "steps": flows.flow(found.kind),
            "checks": _checks(found.data),
            "versions": versions,
            **_document_languages(found),
            "text_language": dict(DOC_LANGUAGES).get(found.data.get("language"), ""),
            "preview": rendering.preview(found, language=found.data.get("language") or "en"),
            "case": casework.case_of_request(request.user, found),
            "library": _library_panel(request, found, step),
            "counterparts": _counterparts(request, found),
            "informal_origins": liaison_selectors.origins(request.user, found.pk),
            "can_register": casework.can_register(request.user),
        },
    )


@login_required
@require_POST
def request_transition(request, pk):
    found = _owned(request, pk, to_edit=True)
    try:
        services.transition(
            request=found,
            to=request.POST.get("to", ""),
            actor=request.user,
            expected_version=_seen_version(request.POST, found),
        )
    except services.StaleVersion as exc:
        messages.error(request, str(exc) + " " + _("Read the current version, then try again."))
    except services.RequestNotReady as exc:
        messages.error(
            request,
            _(
                "The request was not made final: %(count)d error(s) remain. "
                "It stays saved as a draft."
            )
            % {"count": len(exc.checks)},
        )
    except services.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The request is now %(status)s.") % {"status": found.get_status_display()}
        )
    return redirect("drafting:step", pk=found.pk, step="review")


@login_required
@require_GET
def request_compare(request, pk):
    found = _owned(request, pk)
    versions = {v.number: v for v in found.versions.all()}
    try:
        old, new = versions[int(request.GET.get("a", 0))], versions[int(request.GET.get("b", 0))]
    except (KeyError, ValueError):
        raise Http404 from None
    return render(
        request,
        "drafting/compare.html",
        {
            "req": found,
            "old": old,
            "new": new,
            "changes": selectors.compare_versions(old, new),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_import(request):
    if not selectors.can_draft(request.user):
        raise Http404
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            data = json.loads(upload.read().decode("utf-8")) if upload else None
            if not isinstance(data, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            errors = [{"field": "file", "message": _("Choose a JSON file exported from comity.")}]
        else:
            data["requesting_authority"] = data.get("requesting_authority") or str(
                request.user.authority_id
            )
            try:
                created = services.create_request(
                    owner=request.user.authority, data=data, actor=request.user
                )
            except services.RequestInputError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("The request was imported as a new draft."))
                return redirect("drafting:step", pk=created.pk, step="review")
    return render(
        request, "drafting/request_import.html", {"errors": errors}, status=400 if errors else 200
    )


@login_required
@require_GET
def request_export(request, pk):
    found = _owned(request, pk)
    data = services.export_request(request=found, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="request-{found.pk}.json"'
    return response
