"""One assessment: each area with its questions, answered and saved area by area (a failed save
shows what was typed, with the problems beside the fields), its status, its gaps compared with
the State's previous assessment, the gap report, export and import."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comity.assessments import reports, selectors, services
from comity.assessments.forms import AreaForm, ImportForm, TransitionForm
from comity.assessments.services import TRANSITIONS
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.core.languages import LANGUAGES
from comity.directory.models import Authority
from comity.library import selectors as library_selectors
from comity.treaties.models import Instrument


def evidence_options(user, state_id: str) -> dict:
    """What the evidence selects offer: the State's legislation in the library (newest first),
    its directory entries, the instruments."""
    page = library_selectors.of_state(user, state_id, limit=50)
    return {
        EvidenceKind.LEGISLATION: [(r.document.key, r.document.title) for r in page.results],
        EvidenceKind.AUTHORITY: [
            (str(pk), name)
            for pk, name in Authority.objects.restrict(user)
            .filter(country_id=state_id)
            .order_by("name")
            .values_list("pk", "name")
        ],
        EvidenceKind.TREATY: [
            (code, f"{code} — {title}")
            for code, title in Instrument.objects.order_by("code").values_list("code", "title")
        ],
    }


def next_statuses(user, assessment) -> list[tuple[str, str]]:
    """The moves `user` may make from the assessment's status: (status, label of the button)."""
    if not services.may_change(user, assessment):
        return []
    labels = {
        AssessmentStatus.SUBMITTED: _("Submit"),
        AssessmentStatus.DRAFT: _("Back to draft"),
        AssessmentStatus.VALIDATED: _("Validate"),
    }
    out = []
    for (start, to), who in TRANSITIONS.items():
        if start != assessment.status:
            continue
        if who == "secretariat" and not services.may_validate(user, assessment):
            continue
        out.append((to, labels[to]))
    return out


def _page(request, assessment, *, failed=None, import_form=None, import_errors=(), status=200):
    questionnaire = selectors.questionnaire_of(assessment)
    context = {"assessment": assessment, "questionnaire": questionnaire}
    if questionnaire is None:
        return render(request, "assessments/assessment.html", context, status=status)
    can_change = services.may_change(request.user, assessment)
    editable = can_change and assessment.status == AssessmentStatus.DRAFT
    answers = selectors.answers_of(assessment)
    for answer in answers.values():  # shown, never saved: what this reader may see of it
        answer.evidence = selectors.shown_evidence(answer.evidence, request.user, keep_ref=editable)
    options = evidence_options(request.user, assessment.state_id) if editable else {}
    scores = {s.area.code: s for s in selectors.area_scores(assessment, answers)}
    areas = []
    for area in questionnaire.areas:
        form = None
        if editable:
            form = failed if failed is not None and failed.area.code == area.code else None
            form = form or AreaForm(
                questionnaire=questionnaire, area=area, answers=answers, options=options
            )
        areas.append(
            {
                "area": area,
                "form": form,
                "rows": form.bound_rows() if form else _read_rows(area, answers, questionnaire),
                "score": scores.get(area.code),
            }
        )
    found = selectors.gaps(assessment)
    earlier = selectors.previous(assessment, request.user)
    context.update(
        areas=areas,
        editable=editable,
        can_change=can_change,
        moves=next_statuses(request.user, assessment),
        gaps=found,
        earlier=earlier,
        compared=selectors.compare(assessment, earlier) if earlier else [],
        languages=LANGUAGES,
        formats=reports.FORMATS,
        import_form=import_form or (ImportForm() if editable else None),
        import_errors=import_errors,
        top=questionnaire.top,
    )
    return render(request, "assessments/assessment.html", context, status=status)


def _read_rows(area, answers, questionnaire) -> list[dict]:
    rows = []
    for question in area.questions:
        answer = answers.get(question.code)
        level = questionnaire.level(answer.score) if answer and answer.score is not None else None
        rows.append({"question": question, "answer": answer, "level": level})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def assessment_page(request, pk):
    assessment = selectors.assessment_for(request.user, pk)
    if request.method != "POST":
        return _page(request, assessment)
    if not services.may_change(request.user, assessment):
        raise Http404
    questionnaire = selectors.questionnaire_of(assessment)
    area = questionnaire.area(request.POST.get("area", "")) if questionnaire else None
    if area is None:
        messages.error(request, _("Choose an area of the questionnaire to save."))
        return _page(request, assessment, status=400)
    answers = selectors.answers_of(assessment)
    form = AreaForm(
        request.POST,
        questionnaire=questionnaire,
        area=area,
        answers=answers,
        options=evidence_options(request.user, assessment.state_id),
    )
    if not form.is_valid():
        return _page(request, assessment, failed=form, status=400)
    try:
        services.save_answers(assessment=assessment, answers=form.answers(), actor=request.user)
    except services.AssessmentInputError as exc:
        form.show_errors(exc.errors)
        return _page(request, assessment, failed=form, status=400)
    except services.WrongStatus as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, status=409)
    except services.NotAllowed as exc:
        raise Http404 from exc
    messages.success(
        request, _("The answers of “%(area)s” were saved.") % {"area": area.title_in()}
    )
    return redirect(assessment.get_absolute_url() + f"#area-{area.code}")


@login_required
@require_POST
def assessment_transition(request, pk):
    assessment = selectors.writable_for(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status: draft, submitted or validated."))
        return _page(request, assessment, status=400)
    try:
        services.transition(assessment, to=form.cleaned_data["to"], actor=request.user)
    except services.WrongStatus as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, status=409)
    except services.NotAllowed as exc:
        raise Http404 from exc
    messages.success(request, _("The status was changed."))
    return redirect(assessment)


@login_required
@require_POST
def assessment_import(request, pk):
    assessment = selectors.writable_for(request.user, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, assessment, import_form=form, status=400)
    try:
        data = json.loads(form.cleaned_data["file"].read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        form.add_error("file", _("The file is not JSON text. Use a file exported from comity."))
        return _page(request, assessment, import_form=form, status=400)
    try:
        services.import_answers(assessment=assessment, data=data, actor=request.user)
    except services.AssessmentInputError as exc:
        return _page(request, assessment, import_form=form, import_errors=exc.errors, status=400)
    except services.WrongStatus as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, status=409)
    messages.success(request, _("The answers were imported."))
    return redirect(assessment)
