"""Turning a saved request into a document: reads what the document needs, then renders it.

Rendering runs in a child process with a time bound (COMITY_RENDER_TIMEOUT): a request too large
to render in time gets a clear answer, and the web worker that asked stays alive. Each person
renders one document at a time, and at most COMITY_RENDER_SLOTS documents are rendered at once on
a machine, so downloads cannot take every web worker (comity.core.slots).
"""

import functools
import uuid

from django.conf import settings

from comity.core import slots
from comity.core.deadline import ChildFailed, DeadlineExceeded, run_with_deadline
from comity.directory.models import Authority
from comity.drafting.documents.context import resolve_names
from comity.drafting.documents.labels import normalize_language
from comity.drafting.documents.model import Names
from comity.drafting.models import Status
from comity.drafting.selectors import house_for
from comity.treaties.selectors import addressees

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class RenderingBusy(Exception):
    """The person is already rendering a document (`mine`), or every rendering slot is taken."""

    def __init__(self, *, mine: bool):
        super().__init__("busy")
        self.mine = mine


class HouseTemplateFailed(Exception):
    """The authority's house template could not be filled in with this request."""


class DocumentTooSlow(Exception):
    """The document could not be rendered within the time bound."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


@functools.cache
def _prepare(fmt: str, language: str) -> None:
    """Make a blank document in this (the web) process, once per format and language, before a
    rendering child is forked. The first document a process makes loads what every later one
    reuses: the renderer (the import of WeasyPrint alone takes most of a second), the fonts and
    the style sheet, the template, the document wording and the locale's data. A child starts
    with whatever its parent has loaded; loaded only in the children, as before, all of it was
    loaded again for each download."""
    _render(fmt, {}, {"language": language, "names": Names()})


def _render(fmt: str, body: dict, options: dict) -> bytes | HouseTemplateFailed:
    from comity.drafting.documents.docx import render_docx
    from comity.drafting.documents.pdf import render_pdf

    house = options.get("house")
    if fmt == "docx" and house is not None and house.template:
        from comity.drafting.documents.house.engine import HouseTemplateError, render_house_docx

        try:
            return render_house_docx(body, **options)
        except HouseTemplateError as exc:  # returned, not raised: it comes back from the child
            return HouseTemplateFailed(str(exc))
    return (render_docx if fmt == "docx" else render_pdf)(body, **options)


def addressee(request):
    """The authority the document is addressed to: the one chosen in the request (a directory
    entry), else, unless a name was typed in, the requested State's usual addressee for the kind
    (its 24/7 point for preservation, its central authority otherwise); None when there is none."""
    chosen = str(request.data.get("requested_authority") or "").strip()
    try:
        found = Authority.objects.filter(pk=uuid.UUID(chosen)).first()
    except ValueError:
        if chosen:  # a name typed in: the document names it, with no directory entry
            return None
        found = None
    if found is None and request.requested_state_id:
        found = next(iter(addressees(request.requested_state_id, request.kind)), None)
    return found


def document_options(
    request,
    *,
    language: str,
    bilingual: str | None = None,
    cover_letter: bool = False,
    with_template: bool = False,
) -> dict:
    """What the document model needs besides the body: the letterhead is always the owning
    authority's, in its house style when it has one (its DOCX template only `with_template`);
    the addressee as addressee() finds it; a request that is not final is marked DRAFT."""
    body = request.data
    requested = addressee(request)
    return {
        "language": language,
        "bilingual": bilingual,
        "with_cover_letter": cover_letter,
        "requesting_authority": request.owner,
        "requested_authority": requested,
        "names": resolve_names(
            body, also=[request.owner.country_id, requested.country_id if requested else None]
        ),
        "final": request.status == Status.FINAL,
        "house": house_for(request.owner, with_template=with_template),
    }


def preview(request, *, language: str):
    """The request as the document will read (the model the renderers print), for the page."""
    from comity.drafting.documents.context import document_parts

    document, _letter = next(
        document_parts(request.data, **document_options(request, language=language))
    )
    return document


def render(
    request,
    *,
    fmt: str,
    language: str,
    bilingual: str | None = None,
    cover_letter: bool = False,
    holder: str = "",
) -> tuple[bytes, str]:
    """The request as DOCX or PDF. The letterhead is always the owning authority's; a request
    that is not final is marked DRAFT on every page. A DOCX is made from the authority's house
    template when it has one (HouseTemplateFailed when that template cannot take this request).

    `holder` names who asks (a user's id): they render one document at a time (RenderingBusy).
    """
    body = request.data
    options = document_options(
        request,
        language=language,
        bilingual=bilingual,
        cover_letter=cover_letter,
        with_template=fmt == "docx",
    )
    for lang in {language, bilingual or language}:
        _prepare(fmt, normalize_language(lang))
    content = _bounded(_render, fmt, body, options, holder=holder)
    if isinstance(content, HouseTemplateFailed):
        raise content
    return content, CONTENT_TYPES[fmt]


def _render_letter(fmt: str, letter) -> bytes:
    from comity.drafting.documents.docx import render_letter_docx
    from comity.drafting.documents.pdf import render_letter_pdf

    return (render_letter_docx if fmt == "docx" else render_letter_pdf)(letter)


def render_letter(letter, *, fmt: str, holder: str = "") -> tuple[bytes, str]:
    """A letter about a request (documents.model.Letter) as DOCX or PDF, with the same time
    bound and the same slots as a request (RenderingBusy, DocumentTooSlow)."""
    _prepare(fmt, normalize_language(letter.language))
    return _bounded(_render_letter, fmt, letter, holder=holder), CONTENT_TYPES[fmt]


def _bounded(work, *args, holder: str):
    """`work(*args)` in a child process within COMITY_RENDER_TIMEOUT, holding one rendering slot
    of the machine and the one of `holder` (a user's id)."""
    try:
        with (
            slots.claim(f"render-person-{holder or 'anyone'}"),
            slots.claim("render", capacity=settings.COMITY_RENDER_SLOTS),
        ):
            return run_with_deadline(work, *args, seconds=settings.COMITY_RENDER_TIMEOUT)
    except slots.Busy as exc:
        raise RenderingBusy(mine=exc.name.startswith("render-person-")) from exc
    except DeadlineExceeded as exc:
        raise DocumentTooSlow(exc.seconds) from exc
    except ChildFailed as exc:
        raise RuntimeError(f"Rendering the document failed:\n{exc}") from exc
