"""The gap report of an assessment, as PDF (WeasyPrint, with the fonts of the request documents, so
every script of the seven languages prints without system fonts) and DOCX (python-docx), in one
of the seven languages, right to left in Arabic.

Both print the same model (`build`): the title, State, questionnaire and version, date, status, a
summary of the score per area, then each gap (area, question, article, score and its label, the
evidence with its sources, the comment), then the questions not assessed, and what the scale
means.
"""

import io
import uuid
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from comity.assessments import selectors
from comity.assessments.models import Assessment
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.core.languages import CODES, RTL_CODES, supported
from comity.directory.models import Authority
from comity.drafting.documents.model import embed_ltr, has_rtl
from comity.drafting.documents.pdf import print_html
from comity.library.models import Document
from comity.treaties.models import Instrument

FORMATS = ("pdf", "docx")
LANGUAGES = CODES
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Evidence:
    kind: str
    label: str
    source: str  # a web address or a reference ("" when none)


@dataclass
class Item:
    area: str
    code: str
    question: str
    article: str
    score: str  # "1 — Partly" or "" (not assessed)
    evidence: list[Evidence] = field(default_factory=list)
    comment: str = ""


@dataclass
class Report:
    language: str
    direction: str
    title: str
    facts: list[tuple[str, str]]
    summary_heading: str
    summary_columns: tuple[str, str, str]
    summary: list[tuple[str, str, str]]  # area, mean score, answered of questions
    gaps_heading: str
    gaps: list[Item]
    unknown_heading: str
    unknown: list[Item]
    labels: dict
    notes: list[str]
    scale: list[tuple[str, str]]  # "2 — Largely", its meaning


def filename(assessment: Assessment, fmt: str) -> str:
    return f"gap-report-{assessment.state_id}-{assessment.as_of.isoformat()}.{fmt}"


def build(assessment: Assessment, *, language: str, user) -> Report:
    """The report's content in `language`; evidence from the library only as far as `user` may
    read it."""
    language = supported(language)
    with translation.override(language):
        return _build(assessment, language, user)


def _build(assessment: Assessment, language: str, user) -> Report:
    questionnaire = selectors.questionnaire_of(assessment)
    if questionnaire is None:
        raise LookupError(f"questionnaire {assessment.questionnaire!r} is missing")
    found = selectors.gaps(assessment)
    scores = selectors.area_scores(assessment)
    sources = _sources(found.open, user)

    def score_text(score):
        level = questionnaire.level(score)
        return f"{score} — {level.label_in(language)}" if level else ""

    def item(gap) -> Item:
        answer = gap.answer
        return Item(
            area=gap.area.title_in(language),
            code=gap.question.code,
            question=gap.question.text_in(language),
            article=gap.question.article,
            score=score_text(gap.score) if gap.score is not None else "",
            evidence=[
                Evidence(
                    EvidenceKind(e["kind"]).label if e.get("kind") in EvidenceKind.values else "",
                    e.get("label") or e.get("ref", ""),
                    sources.get((e.get("kind"), e.get("ref")), e.get("ref", "")),
                )
                for e in selectors.shown_evidence(answer.evidence if answer else [], user)
            ],
            comment=answer.comment if answer else "",
        )

    facts = [
        (_("State"), assessment.state.localized_name(language)),
        (_("Questionnaire"), f"{questionnaire.title_in(language)} ({questionnaire.code})"),
        (_("Version"), assessment.questionnaire_version),
        (_("Date"), assessment.as_of.isoformat()),
        (_("Status"), str(AssessmentStatus(assessment.status).label)),
    ]
    if assessment.network_id:
        facts.append((_("Network"), assessment.network.display_name(language)))
    if assessment.validated_at:
        facts.append((_("Validated on"), assessment.validated_at.date().isoformat()))
    elif assessment.submitted_at:
        facts.append((_("Submitted on"), assessment.submitted_at.date().isoformat()))
    return Report(
        language=language,
        direction="rtl" if language in RTL_CODES else "ltr",
        title=_("Gap report: %(state)s") % {"state": assessment.state.localized_name(language)}
        + (f" ({_('Example data')})" if assessment.is_example else ""),
        facts=facts,
        summary_heading=_("Score per area"),
        summary_columns=(_("Area"), _("Mean score"), _("Questions answered")),
        summary=[
            (
                s.area.title_in(language),
                f"{s.score:.2f}" if s.score is not None else _("not assessed"),
                f"{s.answered} / {s.questions}",
            )
            for s in scores
        ],
        gaps_heading=_("Gaps: questions below the top of the scale (%(n)d)")
        % {"n": len(found.open)},
        gaps=[item(g) for g in found.open],
        unknown_heading=_("Not assessed (%(n)d)") % {"n": len(found.unknown)},
        unknown=[item(g) for g in found.unknown],
        labels={
            "area": _("Area"),
            "article": _("Article"),
            "score": _("Score"),
            "evidence": _("Evidence"),
            "comment": _("Comment"),
            "none": _("No evidence given."),
            "no_gaps": _("No question is below the top of the scale."),
            "all_assessed": _("Every question was assessed."),
            "scale": _("The scale"),
        },
        notes=[
            _(
                "This is a self-assessment by the State (with the network's secretariat where "
                "one is named); it is not an evaluation of its compliance."
            ),
            _(
                "A gap is a question scored below %(top)s, the top of the scale. A question not "
                "assessed is listed apart and is not counted as %(bottom)s."
            )
            % {"top": questionnaire.top, "bottom": questionnaire.bottom},
        ],
        scale=[
            (score_text(level.score), level.meaning_in(language)) for level in questionnaire.scale
        ],
    )


def _sources(gaps, user) -> dict[tuple[str, str], str]:
    """(kind, ref) -> where the evidence can be checked: a library document's source (if `user`
    may read it), a directory entry's website, an instrument's title and code."""
    refs = {(e["kind"], e["ref"]) for g in gaps if g.answer for e in g.answer.evidence}
    keys = [ref for kind, ref in refs if kind == EvidenceKind.LEGISLATION]
    out = {}
    for document in (
        Document.objects.restrict(user)
        .filter(key__in=keys)
        .only("key", "citation", "source_url", "source_name")
    ):
        parts = [document.citation, document.source_url or document.source_name]
        out[(EvidenceKind.LEGISLATION, document.key)] = " · ".join(p for p in parts if p) or (
            document.key
        )
    ids = [ref for kind, ref in refs if kind == EvidenceKind.AUTHORITY]
    valid = []
    for ref in ids:
        try:
            valid.append(uuid.UUID(ref))
        except ValueError:  # a malformed id simply has no source
            continue
    for authority in Authority.objects.filter(pk__in=valid).only("pk", "country_id", "website"):
        out[(EvidenceKind.AUTHORITY, str(authority.pk))] = (
            authority.website or f"{authority.country_id} · {authority.pk}"
        )
    codes = [ref for kind, ref in refs if kind == EvidenceKind.TREATY]
    for instrument in Instrument.objects.filter(code__in=codes).only("code", "title"):
        out[(EvidenceKind.TREATY, instrument.code)] = instrument.code
    return out


# --- PDF -----------------------------------------------------------------------------------------

STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; direction: ltr; } }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans SC", sans-serif; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 0.5pt solid #999; padding: 1.5mm 2mm; text-align: start; vertical-align: top; }
th { background: #eef1f5; }
.facts th { width: 32%; }
.item { page-break-inside: avoid; border-top: 0.5pt solid #bbb; padding-top: 2mm; }
.meta { color: #444; }
.note { font-size: 9pt; color: #333; }
"""


def render_pdf(report: Report) -> bytes:
    html = render_to_string("assessments/report.html", {"report": report})
    return print_html(html, STYLE)


# --- DOCX ----------------------------------------------------------------------------------------


# The elements that follow w:bidi in a paragraph's properties, and w:bidiVisual in a table's
# (WordprocessingML's order: Word refuses a file that breaks it).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def render_docx(report: Report) -> bytes:
    from docx import Document as Docx
    from docx.oxml import OxmlElement

    rtl = report.direction == "rtl"
    doc = Docx()
    doc.core_properties.title = report.title
    doc.core_properties.language = report.language

    def bidi(paragraph):
        if rtl:
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
        return paragraph

    def run(paragraph, text, *, bold=False):
        # In a right-to-left paragraph "5 / 4" and "UNTOC 18(21)" would be reordered.
        r = paragraph.add_run(embed_ltr(text) if rtl else text)
        r.bold = bold or None
        if rtl and has_rtl(text):
            r._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return r

    def para(text="", *, style=None, bold=False):
        p = bidi(doc.add_paragraph(style=style))
        if text:
            run(p, text, bold=bold)
        return p

    def heading(text, level):
        p = bidi(doc.add_heading(level=level))
        run(p, text)
        return p

    def table(rows, header=None):
        t = doc.add_table(rows=0, cols=len(header or rows[0]))
        t.style = "Table Grid"
        if rtl:
            t._tbl.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
        for i, values in enumerate(([header] if header else []) + list(rows)):
            cells = t.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                p = bidi(cell.paragraphs[0])
                run(p, str(value), bold=bool(header) and i == 0)
        return t

    heading(report.title, 0)
    table(report.facts)
    heading(report.summary_heading, 1)
    table(report.summary, header=report.summary_columns)
    for section_heading, items, empty in (
        (report.gaps_heading, report.gaps, report.labels["no_gaps"]),
        (report.unknown_heading, report.unknown, report.labels["all_assessed"]),
    ):
        heading(section_heading, 1)
        if not items:
            para(empty)
        for item in items:
            heading(f"{item.code} — {item.question}", 2)
            p = para()
            run(p, f"{report.labels['area']}: ", bold=True)
            run(p, item.area)
            if item.article:
                p = para()
                run(p, f"{report.labels['article']}: ", bold=True)
                run(p, item.article)
            if item.score:
                p = para()
                run(p, f"{report.labels['score']}: ", bold=True)
                run(p, item.score)
            if items is report.gaps:
                p = para()
                run(p, f"{report.labels['evidence']}:", bold=True)
                if not item.evidence:
                    para(report.labels["none"], style="List Bullet")
                for e in item.evidence:
                    text = f"{e.kind}: {e.label}" + (f" ({e.source})" if e.source else "")
                    para(text, style="List Bullet")
            if item.comment:
                p = para()
                run(p, f"{report.labels['comment']}: ", bold=True)
                run(p, item.comment)
    heading(report.labels["scale"], 1)
    table(report.scale)
    for note in report.notes:
        para(note)
    if rtl:
        doc.sections[0]._sectPr.insert_element_before(
            OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
        )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render(assessment: Assessment, *, fmt: str, language: str, user) -> tuple[bytes, str]:
    """(content, content type) of the gap report in `fmt` ("pdf" or "docx") and `language`."""
    report = build(assessment, language=language, user=user)
    content = render_pdf(report) if fmt == "pdf" else render_docx(report)
    return content, CONTENT_TYPES[fmt]
