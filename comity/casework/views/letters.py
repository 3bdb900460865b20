"""Letters about a case: the status enquiry to the requested State (UNTOC 18(24))."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comity.casework import letters, selectors
from comity.drafting import rendering
from comity.drafting.documents.labels import document_languages


def _file_name(case, lang: str, fmt: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_. " else "-" for ch in case.our_reference)
    return f"status-enquiry-{stem.strip(' .-') or case.pk}-{lang}.{fmt}"


@login_required
@require_GET
def status_enquiry(request, pk):
    case = selectors.case_for(request.user, pk)
    if case is None or not letters.is_outgoing(case):
        raise Http404
    offered = document_languages()
    suggested = letters.languages_for(case)
    lang = request.GET.get("lang") or suggested[0]
    fmt = request.GET.get("format", "")
    errors = {}
    if lang not in offered:
        errors["lang"] = _("Choose one of the languages in the list.")
        lang = suggested[0]
    if fmt and fmt not in letters.FORMATS:
        errors["format"] = _("Choose DOCX or PDF.")
    sent = letters.was_sent(case)
    if fmt and sent and not errors:
        try:
            content, content_type = letters.generate(
                case=case, actor=request.user, language=lang, fmt=fmt
            )
        except rendering.RenderingBusy:
            errors["format"] = _("Another document is being made. Try again in a few seconds.")
        except rendering.DocumentTooSlow as exc:
            errors["format"] = _(
                "The letter could not be made within %(seconds)d seconds. Try again later."
            ) % {"seconds": exc.seconds}
        else:
            download = HttpResponse(content, content_type=content_type)
            download["Content-Disposition"] = content_disposition_header(
                True, _file_name(case, lang, fmt)
            )
            return download
    status = 400 if errors else (409 if fmt and not sent else 200)
    return render(
        request,
        "casework/status_enquiry.html",
        {
            "case": case,
            "sent": sent,
            "lang": lang,
            "suggested": [(code, offered[code].name) for code in suggested],
            "others": [(c, language.name) for c, language in offered.items() if c not in suggested],
            "letter": letters.build(case, language=lang) if sent else None,
            "errors": errors,
        },
        status=status,
    )
