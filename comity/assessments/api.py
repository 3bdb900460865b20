"""Needs assessment endpoints of API.md: /api/v1/assessments, and the heat map of a network at
/api/v1/networks/{code}/assessment-map (`map_router`).

An assessment out of the caller's reach is a 404, like one that does not exist. A body of the
wrong shape is a 400; answers that do not fit the questionnaire (an unknown question, a score
off the scale, evidence naming nothing the caller may read) are a 422; a change the status does
not allow is a 409. Each error names its field, e.g. `answers[2].score`.
"""

import datetime
import json
from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict, StringConstraints

from comity.accounts.authentication import SessionOrToken
from comity.assessments import questionnaires, reports, selectors, services
from comity.assessments.models import Assessment
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.core.errors import ERRORS, ApiError, ErrorOut
from comity.core.languages import CODES

router = Router(auth=SessionOrToken())
map_router = Router(auth=SessionOrToken())

AssessmentId = Annotated[int, Path(ge=1, le=2**63 - 1)]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")]
Language = Literal[CODES]  # type: ignore[valid-type]
WRITE_ERRORS = {**ERRORS, 409: ErrorOut, 422: ErrorOut}


# --- Schemas -------------------------------------------------------------------------------------


class LevelOut(Schema):
    score: int
    label: str
    meaning: str


class AssessmentQuestionOut(Schema):
    code: str
    article: str
    text: str
    guidance: str
    evidence: list[str] = Field(..., description="Kinds of evidence the question suggests")


class AreaOut(Schema):
    code: str
    title: str
    questions: list[AssessmentQuestionOut]


class QuestionnaireOut(Schema):
    code: str
    version: str
    title: str
    instrument: str
    source: str
    scale: list[LevelOut]
    areas: list[AreaOut]


class QuestionnaireList(Schema):
    count: int
    items: list[QuestionnaireOut]


class EvidenceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: EvidenceKind
    ref: str = Field(
        "",
        max_length=1000,
        description="legislation: a library document key; authority: a directory entry id; "
        "treaty: an instrument code; statistics, document: a web address (or nothing)",
    )
    label: str = Field("", max_length=300, description="What is shown; filled in when empty")


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., max_length=80, description="The question's code")
    score: int | None = Field(
        None, ge=0, le=100, description="A score of the scale; null: not assessed"
    )
    evidence: list[EvidenceIn] = Field([], max_length=services.MAX_EVIDENCE)
    comment: str = Field("", max_length=services.MAX_COMMENT)


class AnswerOut(Schema):
    question: str
    score: int | None
    evidence: list[dict]
    comment: str
    gap: Literal["closed", "open", "unknown"] = Field(
        ..., description="closed: at the top of the scale; open: below it; unknown: not assessed"
    )


class NewAssessmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    state: StateCode
    questionnaire: Code
    network: Code | None = None


class AssessmentPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: list[AnswerIn] = Field([], max_length=1000)
    status: AssessmentStatus | None = Field(
        None, description="draft -> submitted -> validated (by the secretariat); submitted -> draft"
    )


class AssessmentOut(Schema):
    id: int
    state: str
    questionnaire: str
    questionnaire_version: str
    network: str | None
    as_of: datetime.date
    status: AssessmentStatus
    submitted_at: datetime.datetime | None
    validated_at: datetime.datetime | None
    example: bool
    answers: list[AnswerOut]
    area_scores: dict[str, float | None] = Field(
        ..., description="Mean score of the answered questions per area; null: none answered"
    )
    gaps: list[str] = Field(..., description="Questions scored below the top of the scale")
    unknown: list[str] = Field(..., description="Questions not assessed (never counted as 0)")
    url: str


class AssessmentMapOut(Schema):
    questionnaire: str | None
    states: list[str]
    areas: list[str]
    scores: dict[str, dict[str, float | None]] = Field(
        ..., description="STATE -> area -> mean score (null: not assessed); {} : no assessment"
    )
    as_of: dict[str, datetime.date | None] = Field(
        ..., description="The date of the assessment used per State; null: no assessment"
    )
    status: dict[str, AssessmentStatus | None]


# --- Answers -------------------------------------------------------------------------------------


def questionnaire_out(q: questionnaires.Questionnaire) -> dict:
    return {
        "code": q.code,
        "version": q.version,
        "title": q.title_in(),
        "instrument": q.instrument,
        "source": q.source,
        "scale": [
            {"score": lv.score, "label": lv.label_in(), "meaning": lv.meaning_in()}
            for lv in q.scale
        ],
        "areas": [
            {
                "code": area.code,
                "title": area.title_in(),
                "questions": [
                    {
                        "code": question.code,
                        "article": question.article,
                        "text": question.text_in(),
                        "guidance": question.guidance_in(),
                        "evidence": list(question.evidence),
                    }
                    for question in area.questions
                ],
            }
            for area in q.areas
        ],
    }


def assessment_out(assessment: Assessment, user) -> dict:
    questionnaire = selectors.questionnaire_of(assessment)
    answers = list(assessment.answers.all())
    out = {
        "id": assessment.pk,
        "state": assessment.state_id,
        "questionnaire": assessment.questionnaire,
        "questionnaire_version": assessment.questionnaire_version,
        "network": assessment.network.code if assessment.network_id else None,
        "as_of": assessment.as_of,
        "status": assessment.status,
        "submitted_at": assessment.submitted_at,
        "validated_at": assessment.validated_at,
        "example": assessment.is_example,
        "answers": [
            {
                "question": a.question,
                "score": a.score,
                "evidence": selectors.shown_evidence(
                    a.evidence, user, keep_ref=services.may_change(user, assessment)
                ),
                "comment": a.comment,
                "gap": selectors.gap_status(a, questionnaire) if questionnaire else "unknown",
            }
            for a in answers
        ],
        "area_scores": {},
        "gaps": [],
        "unknown": [],
        "url": assessment.get_absolute_url(),
    }
    if questionnaire is not None:
        by_question = {a.question: a for a in answers}
        out["area_scores"] = {
            s.area.code: s.score for s in selectors.area_scores(assessment, by_question)
        }
        found = selectors.gaps(assessment)
        out["gaps"] = [g.question.code for g in found.open]
        out["unknown"] = [g.question.code for g in found.unknown]
    return out


def _conflict(exc: services.WrongStatus) -> ApiError:
    return ApiError(str(exc), status=409, errors=[{"field": "status", "message": str(exc)}])


def _invalid(exc: services.AssessmentInputError) -> ApiError:
    return ApiError(_("The answers do not fit the questionnaire."), status=422, errors=exc.errors)


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/questionnaires",
    response={200: QuestionnaireList, **ERRORS},
    summary="Questionnaires",
    description="Every questionnaire installed (data/assessments/*.json), its texts in the "
    "language of the request (English where a text has no translation).",
)
def list_questionnaires(request):
    items = [questionnaire_out(q) for q in questionnaires.available()]
    return {"count": len(items), "items": items}


@router.post(
    "",
    response={201: AssessmentOut, **WRITE_ERRORS},
    summary="Start an assessment",
    description="A draft assessment of `state` against `questionnaire`, optionally run within "
    "`network` (the State must be a current member). Started by the State's writers, the "
    "network's secretariat or site admins; anyone else gets 404.",
)
def create_assessment(request, body: NewAssessmentIn):
    try:
        assessment = services.start_assessment(
            state=body.state,
            questionnaire=body.questionnaire,
            network=body.network,
            actor=request.user,
        )
    except services.NotAllowed as exc:
        raise ApiError(_("Not found."), status=404) from exc
    except services.AssessmentInputError as exc:
        raise ApiError(
            _("The assessment cannot be started."), status=422, errors=exc.errors
        ) from exc
    return Status(201, assessment_out(assessment, request.user))


@router.get("/{assessment_id}", response={200: AssessmentOut, **ERRORS}, summary="One assessment")
def get_assessment(request, assessment_id: AssessmentId):
    return assessment_out(selectors.assessment_for(request.user, assessment_id), request.user)


@router.patch(
    "/{assessment_id}",
    response={200: AssessmentOut, **WRITE_ERRORS},
    summary="Answer questions, change the status",
    description="The answers given replace those of the same questions (others stay); all or "
    "nothing. Only a draft takes answers. With `status`, the assessment moves too: back to "
    "draft before the answers are written, forward after.",
)
def patch_assessment(request, assessment_id: AssessmentId, body: AssessmentPatch):
    assessment = selectors.writable_for(request.user, assessment_id)
    answers = [a.model_dump(mode="json") for a in body.answers]
    try:
        with transaction.atomic():
            if body.status == AssessmentStatus.DRAFT:
                assessment = services.transition(assessment, to=body.status, actor=request.user)
            if answers:
                assessment = services.save_answers(
                    assessment=assessment, answers=answers, actor=request.user
                )
            if body.status and body.status != AssessmentStatus.DRAFT:
                assessment = services.transition(assessment, to=body.status, actor=request.user)
    except services.AssessmentInputError as exc:
        raise _invalid(exc) from exc
    except services.WrongStatus as exc:
        raise _conflict(exc) from exc
    except services.NotAllowed as exc:
        raise ApiError(_("Not found."), status=404) from exc
    return assessment_out(selectors.assessment_for(request.user, assessment.pk), request.user)


@router.get(
    "/{assessment_id}/report",
    response={200: None, **ERRORS},
    summary="The gap report (PDF or DOCX)",
    openapi_extra={
        "responses": {200: {"content": {t: {} for t in reports.CONTENT_TYPES.values()}}}
    },
)
def assessment_report(
    request,
    assessment_id: AssessmentId,
    format: Literal["pdf", "docx"] = "pdf",
    lang: Annotated[Language, Query(description="One of the seven languages")] = "en",
):
    assessment = selectors.assessment_for(request.user, assessment_id)
    if selectors.questionnaire_of(assessment) is None:
        raise ApiError(_("The questionnaire of this assessment is not installed."), status=404)
    content, content_type = reports.render(assessment, fmt=format, language=lang, user=request.user)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, reports.filename(assessment, format)
    )
    return response


@router.get(
    "/{assessment_id}/export",
    response={200: None, **ERRORS},
    summary="The answers as JSON, for import into another assessment",
    openapi_extra={"responses": {200: {"content": {"application/json": {}}}}},
)
def export_assessment(request, assessment_id: AssessmentId):
    assessment = selectors.assessment_for(request.user, assessment_id)
    return HttpResponse(
        json.dumps(selectors.exported(assessment, request.user), ensure_ascii=False),
        content_type="application/json",
    )


class ImportIn(Schema):
    questionnaire: str
    answers: list[dict] = Field([], max_length=1000)


@router.post(
    "/{assessment_id}/import",
    response={200: AssessmentOut, **WRITE_ERRORS},
    summary="Import exported answers; all or nothing",
    description="The JSON an export wrote (its `questionnaire` must be this assessment's); "
    "other keys of the export are not read.",
)
def import_assessment(request, assessment_id: AssessmentId, body: ImportIn):
    assessment = selectors.writable_for(request.user, assessment_id)
    try:
        services.import_answers(
            assessment=assessment, data=body.model_dump(mode="json"), actor=request.user
        )
    except services.AssessmentInputError as exc:
        raise _invalid(exc) from exc
    except services.WrongStatus as exc:
        raise _conflict(exc) from exc
    return assessment_out(selectors.assessment_for(request.user, assessment.pk), request.user)


@map_router.get(
    "/{code}/assessment-map",
    response={200: AssessmentMapOut, **ERRORS},
    summary="Heat map of a network's assessments",
    description="The network's current member States x the questionnaire's areas: the mean "
    "score per area of each State's latest assessment run within the network (validated or "
    "submitted preferred), with its date. A State without one has empty scores and a null date.",
)
def assessment_map(
    request,
    code: Annotated[str, Path(max_length=32)],
    questionnaire: Annotated[str, Query(max_length=40)] = "",
):
    network = selectors.network_for(request.user, code)
    chosen = None
    if questionnaire:
        chosen = questionnaires.get(questionnaire)
        if chosen is None:
            raise ApiError(
                _("No questionnaire has this code."),
                errors=[
                    {"field": "questionnaire", "message": _("No questionnaire has this code.")}
                ],
            )
    found = selectors.heat_map(request.user, network, chosen)
    areas = [a.code for a in found.questionnaire.areas] if found.questionnaire else []
    return {
        "questionnaire": found.questionnaire.code if found.questionnaire else None,
        "states": found.states,
        "areas": areas,
        "scores": {row.state: row.scores if row.assessment else {} for row in found.rows},
        "as_of": {
            row.state: row.assessment.as_of if row.assessment else None for row in found.rows
        },
        "status": {
            row.state: row.assessment.status if row.assessment else None for row in found.rows
        },
    }
