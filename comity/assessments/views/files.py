"""The gap report (PDF, DOCX) and the export of an assessment's answers (JSON)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from comity.assessments import reports, selectors
from comity.core.languages import supported


@login_required
@require_GET
def assessment_report(request, pk, fmt):
    if fmt not in reports.FORMATS:
        raise Http404
    assessment = selectors.assessment_for(request.user, pk)
    if selectors.questionnaire_of(assessment) is None:
        raise Http404
    language = supported(request.GET.get("lang") or request.LANGUAGE_CODE)
    content, content_type = reports.render(
        assessment, fmt=fmt, language=language, user=request.user
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, reports.filename(assessment, fmt)
    )
    return response


@login_required
@require_GET
def assessment_export(request, pk):
    assessment = selectors.assessment_for(request.user, pk)
    body = json.dumps(selectors.exported(assessment, request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"assessment-{assessment.state_id}-{assessment.as_of.isoformat()}.json"
    )
    return response
