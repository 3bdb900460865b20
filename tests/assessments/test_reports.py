"""The gap report, read back from the PDF (pypdf) and the DOCX (python-docx)."""

import datetime
import io

import docx
import pypdf

from comity.assessments import reports, services
from comity.library import services as library_services
from tests.assessments.helpers import CODE


def _assessment(people, access="public"):
    law = library_services.create(
        actor=people["member"],
        data={
            "key": "gha-mla-act",
            "type": "legislation",
            "title": "Mutual Legal Assistance Act",
            "citation": "Act 679",
            "source_url": "https://example.org/gha/act-679",
            "country": "GHA",
            "language": "en",
            "access": access,
        },
    )
    assessment = services.start_assessment(
        state="GHA",
        questionnaire=CODE,
        network=people.network,
        actor=people["member"],
        as_of=datetime.date(2026, 11, 30),
    )
    services.save_answers(
        assessment=assessment,
        answers=[
            {"question": "mla.central_authority", "score": 3},
            {
                "question": "mla.grounds",
                "score": 1,
                "evidence": [{"kind": "legislation", "ref": law.key}],
                "comment": "Refusal for fiscal offences remains in section 12.",
            },
        ],
        actor=people["member"],
    )
    return assessment


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_lists_the_gaps_with_article_score_evidence_and_the_unknown_apart(people):
    assessment = _assessment(people)
    content, content_type = reports.render(
        assessment, fmt="pdf", language="en", user=people["member"]
    )
    assert content_type == "application/pdf" and content.startswith(b"%PDF")
    text = " ".join(_pdf_text(content).split())
    assert "Gap report: Ghana" in text
    assert "Grounds for refusal are limited" in text and "UNTOC 18(21)" in text
    assert "1 — Partly" in text
    assert "Mutual Legal Assistance Act" in text and "https://example.org/gha/act-679" in text
    assert "Refusal for fiscal offences" in text
    assert "Not assessed (1)" in text and "UNTOC 16(1)" in text
    assert "self-assessment" in text
    # A question at the top of the scale is not a gap.
    assert "A central authority for mutual legal assistance" not in text
    assert reports.filename(assessment, "pdf") == "gap-report-GHA-2026-11-30.pdf"


def test_the_docx_holds_the_same_report(people):
    assessment = _assessment(people)
    content, _ = reports.render(assessment, fmt="docx", language="en", user=people["member"])
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "mla.grounds — Grounds for refusal are limited" in text
    assert "UNTOC 18(21)" in text and "1 — Partly" in text
    assert "Mutual Legal Assistance Act (Act 679 · https://example.org/gha/act-679)" in text
    assert "ext.dual_criminality" in text
    assert "Mutual legal assistance" in cells and "2.00" in cells  # (3 + 1) / 2


def test_the_arabic_report_runs_right_to_left(people):
    assessment = _assessment(people)
    content, _ = reports.render(assessment, fmt="docx", language="ar", user=people["member"])
    document = docx.Document(io.BytesIO(content))
    xml = document.element.xml
    assert "<w:bidi/>" in xml and "<w:rtl/>" in xml
    assert any("المساعدة القانونية المتبادلة" in c.text for c in document.tables[1]._cells)
    pdf, _ = reports.render(assessment, fmt="pdf", language="ar", user=people["member"])
    assert "UNTOC 18(21)" in _pdf_text(pdf)


def test_evidence_the_reader_may_not_read_has_no_source_in_the_report(people):
    assessment = _assessment(people, access="authority")
    mine = reports.build(assessment, language="en", user=people["member"])
    assert "example.org" in mine.gaps[0].evidence[0].source
    assert mine.gaps[0].evidence[0].label == "Mutual Legal Assistance Act"
    report = reports.build(assessment, language="en", user=people["other_member"])
    evidence = report.gaps[0].evidence[0]
    # Neither its title nor its source: only that there is a document this reader may not read.
    assert evidence.label == "A library document you may not read"
    assert "example.org" not in evidence.source and "Mutual Legal" not in evidence.source
