"""A message to print or to keep as PDF: its handling code and evaluation at the top and the
foot of every page, the parties, what it is about, and who printed it when. A protected
person appears by pseudonym only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import languages
from comity.drafting.documents.pdf import print_html
from comity.liaison.views.message import _found

PDF_STYLE = """
body { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans SC", sans-serif; font-size: 10pt; }
h1 { font-size: 14pt; margin: 0 0 6pt; }
.handling { border: 2pt solid #991b1b; padding: 6pt; font-weight: bold; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #9ca3af; padding: 3pt; text-align: start; vertical-align: top; }
.body { white-space: pre-wrap; }
.muted { color: #4b5563; }
.marking { string-set: marking content(); }
@page {
  size: A4; margin: 22mm 16mm;
  @top-center { content: string(marking); font-weight: bold; color: #991b1b; }
  @bottom-center { content: string(marking) " — " counter(page) "/" counter(pages); }
}
"""


def _context(request, pk) -> dict:
    user, found = _found(request, pk)
    return {
        "message": found,
        "entities": [] if found.purged_at else list(found.entities.all()),
        "attachments": [] if found.purged_at else list(found.attachments.all()),
        "person": getattr(found, "protected_person", None) if found.kind == "protection" else None,
        "printed_by": user,
        "printed_at": timezone.now(),
        "direction": "rtl" if get_language() in languages.RTL_CODES else "ltr",
        "language": get_language(),
    }


def _record(request, context, fmt: str) -> None:
    record(
        actor=request.user,
        action=Action.EXPORT,
        obj=context["message"],
        after={"format": fmt, "handling": context["message"].handling},
    )


@login_required
@require_GET
def printable(request, pk: int):
    context = _context(request, pk)
    _record(request, context, "print")
    return HttpResponse(render_to_string("liaison/message_print.html", context, request))


@login_required
@require_GET
def pdf(request, pk: int):
    context = _context(request, pk)
    message = context["message"]
    html = render_to_string("liaison/message_print.html", {**context, "for_pdf": True}, request)
    _record(request, context, "pdf")
    response = HttpResponse(print_html(html, PDF_STYLE), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"comity-message-{message.pk}-{message.handling}.pdf"
    )
    response["Cache-Control"] = "no-store"
    return response
