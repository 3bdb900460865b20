"""Turning a saved request into a document: resolves the authorities, then calls the renderer."""

import uuid

from comity.directory.models import Authority
from comity.treaties.selectors import central_authorities

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _authority(value: str, fallback=None):
    try:
        return Authority.objects.filter(pk=uuid.UUID(str(value))).first() or fallback
    except ValueError:
        return fallback


def render(
    request, *, fmt: str, language: str, bilingual: str | None = None, cover_letter: bool = False
) -> tuple[bytes, str]:
    from comity.drafting.documents.docx import render_docx
    from comity.drafting.documents.pdf import render_pdf

    body = request.data
    requesting = _authority(body.get("requesting_authority", ""), fallback=request.owner)
    requested = _authority(body.get("requested_authority", ""))
    if requested is None and request.requested_state_id:
        found = central_authorities(request.requested_state_id, request.kind)
        requested = found[0] if found else None
    renderer = render_docx if fmt == "docx" else render_pdf
    content = renderer(
        body,
        language=language,
        bilingual=bilingual,
        requesting_authority=requesting,
        central_authority=requested,
    )
    return content, CONTENT_TYPES[fmt]
