"""Request documents: every entered value and the right headings reach the DOCX and the PDF, in
each of the seven languages; Arabic runs right to left; the PDF embeds the shipped Noto fonts and
needs no system font; nothing the drafter left empty shows up as "None", "no" or an empty label.

The PDF checks read the file back with poppler (`pdftotext`, `pdffonts`) and are skipped, with
the reason, where poppler-utils is not installed.
"""

import copy
import functools
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from comity.directory.models import Authority
from comity.drafting.documents import labels as labels_module
from comity.drafting.documents import pdf as pdf_module
from comity.drafting.documents.docx import render_docx
from comity.drafting.documents.labels import (
    document_languages,
    labels,
    measure_field_keys,
    wording_table,
)
from comity.drafting.documents.model import (
    BIDI_CONTROLS,
    Names,
    build_document,
    display_date,
    plain,
)
from comity.drafting.documents.pdf import FONTS_DIR, render_pdf
from comity.drafting.measures import MEASURES
from comity.drafting.schema import (
    Annex,
    Assurances,
    Confidentiality,
    Contact,
    Offence,
    Person,
    Proceedings,
    Property,
    RequestBody,
    Transmission,
    Undertakings,
    Urgency,
    UseLimits,
    Warrant,
    empty_body,
)

PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed: PDF text not checked"
)
needs_pdffonts = pytest.mark.skipif(
    PDFFONTS is None, reason="pdffonts (poppler-utils) is not installed: PDF fonts not checked"
)

# Every language a document can be written in: the seven of the interface and those in which
# requested States receive requests (documents/wording/).
LANGUAGES = tuple(document_languages())

STATES = {
    "UKR": {
        "en": "Ukraine", "fr": "Ukraine", "es": "Ucrania", "ru": "Украина", "uk": "Україна",
        "ar": "أوكرانيا", "zh": "乌克兰", "de": "Ukraine", "pt": "Ucrânia", "it": "Ucraina",
        "pl": "Ukraina", "nl": "Oekraïne", "ro": "Ucraina", "tr": "Ukrayna", "ja": "ウクライナ",
        "ko": "우크라이나",
    },
    "DEU": {
        "en": "Germany", "fr": "Allemagne", "es": "Alemania", "ru": "Германия",
        "uk": "Німеччина", "ar": "ألمانيا", "zh": "德国", "de": "Deutschland", "pt": "Alemanha",
        "it": "Germania", "pl": "Niemcy", "nl": "Duitsland", "ro": "Germania", "tr": "Almanya",
        "ja": "ドイツ", "ko": "독일",
    },
}  # fmt: skip
NAMES = Names(states=STATES)

# Free text in the document's language, so that every script goes through the fonts.
FACTS = {
    "en": "Between March 2022 and June 2023 the suspect moved EUR 4.7 million through Kronberg Privatbank.",
    "fr": "Entre mars 2022 et juin 2023, le suspect a transféré 4,7 millions d’euros par la Kronberg Privatbank.",
    "es": "Entre marzo de 2022 y junio de 2023 el sospechoso transfirió 4,7 millones de euros por el Kronberg Privatbank.",
    "ru": "С марта 2022 года по июнь 2023 года подозреваемый перевёл 4,7 млн евро через Kronberg Privatbank.",
    "uk": "З березня 2022 року по червень 2023 року підозрюваний переказав 4,7 млн євро через Kronberg Privatbank.",
    "ar": "حول المشتبه فيه أموالا كبيرة عبر مصرف كرونبرغ الخاص في مدينة فرانكفورت",
    "zh": "犯罪嫌疑人通过克朗贝格私人银行转移了四百七十万欧元。",
    "de": "Von März 2022 bis Juni 2023 überwies der Verdächtige 4,7 Mio. EUR über die Kronberg Privatbank.",
    "pt": "Entre março de 2022 e junho de 2023, o suspeito transferiu 4,7 milhões de euros através do Kronberg Privatbank.",
    "it": "Tra marzo 2022 e giugno 2023 l’indagato ha trasferito 4,7 milioni di euro tramite la Kronberg Privatbank.",
    "pl": "Od marca 2022 r. do czerwca 2023 r. podejrzany przelał 4,7 mln euro za pośrednictwem Kronberg Privatbank.",
    "nl": "Tussen maart 2022 en juni 2023 heeft de verdachte 4,7 miljoen euro via de Kronberg Privatbank overgemaakt.",
    "ro": "Între martie 2022 și iunie 2023, suspectul a transferat 4,7 milioane de euro prin Kronberg Privatbank.",
    "tr": "Şüpheli, Mart 2022 ile Haziran 2023 arasında Kronberg Privatbank aracılığıyla 4,7 milyon avro aktardı.",
    "ja": "被疑者は2022年3月から2023年6月までの間、クロンベルク・プライベートバンクを通じて470万ユーロを送金した。",
    "ko": "피의자는 2022년 3월부터 2023년 6월까지 크론베르크 프라이빗뱅크를 통해 470만 유로를 송금하였다.",
}
PURPOSE = {
    "en": "To prove the origin of the frozen funds",
    "fr": "Établir l’origine des fonds gelés",
    "es": "Probar el origen de los fondos embargados",
    "ru": "Доказать происхождение замороженных средств",
    "uk": "Довести походження заморожених коштів",
    "ar": "إثبات مصدر الأموال المجمدة",
    "zh": "证明被冻结资金的来源",
    "de": "Nachweis der Herkunft der eingefrorenen Gelder",
    "pt": "Provar a origem dos fundos congelados",
    "it": "Provare l’origine dei fondi congelati",
    "pl": "Wykazanie pochodzenia zamrożonych środków",
    "nl": "Het bewijzen van de herkomst van de bevroren tegoeden",
    "ro": "Dovedirea originii fondurilor înghețate",
    "tr": "Dondurulan fonların kaynağının ispatı",
    "ja": "凍結された資金の出所を証明するため",
    "ko": "동결된 자금의 출처 입증",
}


def requesting_authority():
    return Authority(
        name="Office of the Prosecutor General of Ukraine",
        names={"uk": "Офіс Генерального прокурора"},
        address="15 Riznytska Street\n01011 Kyiv",
        phone="+380 44 200 75 00",
        email="mla@gp-example.gov.ua",
        website="https://gp-example.gov.ua",
    )


def central_authority():
    return Authority(
        name="Bundesamt für Justiz (Example Desk)", address="Adenauerallee 99-103\n53113 Bonn"
    )


def mla_body(lang: str) -> dict:
    """A complete MLA request, Ukraine to Germany: bank records (IBANs) and a witness hearing."""
    return {
        "kind": "mla",
        "requesting_state": "UKR",
        "requested_state": "DEU",
        "legal_bases": ["UNTOC"],
        "reference": "UA-MLA-2026/0417",
        "their_reference": "BfJ-RH-5512",
        "proceedings": {
            "stage": "investigation",
            "authority": "Detective Unit Seven of NABU",
            "case_number": "52023000000000123",
            "description": "Laundering of grain-export proceeds via Quellfeld shell firms",
        },
        "offences": [
            {
                "label": "Legalisation of criminally obtained property",
                "statute": "Art. 209 Criminal Code of Ukraine",
                "provision_text": "Whoever conducts a financial operation with Zorvath property",
                "max_penalty": "Twelve years in Vyrlag prison",
                "max_penalty_years": 12,
                "category": "money_laundering",
                "limitation": "Expires after Tamberlane period",
            }
        ],
        "facts": FACTS[lang],
        "persons": [
            {
                "role": "suspect",
                "name": "Hryhorii Zelenko-Vardanyan",
                "date_of_birth": "1979-11-23",
                "place_of_birth": "Odesa-Peresyp",
                "nationality": "UKR",
                "identity_documents": "Passport FX918273",
                "address": "Mainzer Landstrasse 77, Frankfurt",
                "description": "Scar above the left eyebrow",
                "location": "Bad Homburg Kurpark",
            },
            {"role": "witness", "name": "Liesel Obermaier-Quandt", "nationality": "DEU"},
        ],
        "measures": [
            {
                "type": "bank_records",
                "bank": "Kronberg Privatbank AG",
                "accounts": ["DE89370400440532013000", "DE44500105175407324931"],
                "holder": "Agro-Sever Handels GmbH",
                "period_from": "2022-03-01",
                "period_to": "2023-06-30",
                "documents": "SWIFT MT103 messages and KYC files",
            },
            {
                "type": "testimony",
                "witness": "Liesel Obermaier-Quandt",
                "status": "Compliance officer heard as witness",
                "questions": "Who approved the Wexford transfers?",
                "procedure": "Judicial hearing with Quarrington caution",
                "presence": "Detective Oksana Hrebeniuk",
            },
        ],
        "purpose": PURPOSE[lang],
        "procedure": "Certified copies under the Mellinger certificate",
        "urgency": {"urgent": True, "deadline": "2026-09-30", "reason": "Trial opens at Pechersk court"},
        "confidentiality": {"required": True, "reason": "Suspect unaware of Kestrel operation"},
        "use_limits": {"stated": True, "text": "Only in proceedings 52023000000000123 Halvard"},
        "dual_criminality": "Section 261 StGB Geldwäsche Ostrander",
        "contact": {
            "name": "Oksana Hrebeniuk",
            "phone": "+380 67 123 45 67",
            "email": "o.hrebeniuk@gp-example.gov.ua",
        },
        "language": lang,
        "annexes": [{"title": "Decision of Pechersk court", "description": "Certified copy Ulmara", "pages": 3}],
    }  # fmt: skip


_CODES = {"kind", "requesting_state", "requested_state", "legal_bases", "stage", "role",
          "category", "nationality", "type", "id", "language", "format", "max_penalty_years"}  # fmt: skip
_DATES = {"date_of_birth", "period_from", "period_to", "deadline", "date"}


def entered_values(body: dict, lang: str) -> list[str]:
    """Every value the drafter typed, as the document must show it."""
    t = labels(lang)
    found = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and value and key not in _CODES:
            found.append(display_date(value, lang) if key in _DATES else value)

    walk(body)
    found += [t["stage.investigation"], t["role.suspect"], t["role.witness"]]
    found += [t["category.money_laundering"], STATES["UKR"][lang], STATES["DEU"][lang]]
    found += [t["measure.bank_records"], t["measure.testimony"]]
    found += [t[f"measure.bank_records.{f.name}"] for f in MEASURES["bank_records"].fields]
    found += [t[f"measure.testimony.{f.name}"] for f in MEASURES["testimony"].fields]
    return found


MLA_HEADINGS = (
    "title.mla",
    "heading.requesting_authority",
    "heading.legal_basis",
    "heading.proceedings",
    "heading.offences",
    "heading.facts",
    "heading.persons",
    "heading.assistance",
    "heading.purpose",
    "heading.procedure",
    "heading.urgency",
    "heading.confidentiality",
    "heading.use_limits",
    "heading.dual_criminality",
    "heading.contact",
    "heading.annexes",
    "word.confidential",
    "text.confidential",
    "text.urgent",
)


def squeeze(text: str) -> str:
    """Without bidi controls and whitespace: wrapped lines and RTL reordering of spaces differ
    between readers, the letters do not."""
    return re.sub(r"\s+", "", plain(text))


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"\W+", BIDI_CONTROLS.sub(" ", text)) if w}


def assert_contains(text: str, expected: list[str], where: str, *, rtl_pdf: bool = False) -> None:
    """Each value is in the text. For right-to-left PDF text, pdftotext rebuilds the reading order
    from glyph positions and gets it wrong at the edges (a label that wraps inside a table cell
    is read interleaved with the value beside it; "transfers?" comes out as "?transfers"), so
    there a value may instead be present word for word."""
    haystack = squeeze(text)
    missing = [value for value in expected if squeeze(value) not in haystack]
    if rtl_pdf:
        words = _words(text)
        missing = [value for value in missing if not _words(value) <= words]
    assert not missing, f"{where}: missing {missing}"


def page_pattern(lang: str) -> re.Pattern:
    template = squeeze(labels(lang)["word.page_x_of_y"])
    escaped = re.escape(template).replace(r"\{page\}", r"\d+").replace(r"\{pages\}", r"\d+")
    return re.compile(escaped)


# --- Reading the files back ---------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def pdf_fonts(data: bytes, tmp_path: Path) -> set[str]:
    """Embedded font names without subset prefix and separators: {"NotoSans", ...}."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFFONTS, str(path)], capture_output=True, text=True, check=True
    )
    names = set()
    for line in result.stdout.splitlines()[2:]:
        if line.strip():
            name = line.split()[0].split("+", 1)[-1]
            names.add(name.replace("-", ""))
    return names


@functools.cache
def rendered(fmt: str, lang: str, bilingual: str | None = None) -> bytes:
    """Each document once per test session (rendering is the slow part)."""
    renderer = render_docx if fmt == "docx" else render_pdf
    return renderer(
        mla_body(lang),
        language=lang,
        bilingual=bilingual,
        requesting_authority=requesting_authority(),
        requested_authority=central_authority(),
        names=NAMES,
    )


# --- Vocabulary ---------------------------------------------------------------------------------


def _schema_field_keys() -> list[str]:
    parts = {
        "proceedings": ("proceedings", Proceedings),
        "offences": ("offence", Offence),
        "persons": ("person", Person),
        "urgency": ("urgency", Urgency),
        "confidentiality": ("confidentiality", Confidentiality),
        "use_limits": ("use_limits", UseLimits),
        "warrant": ("warrant", Warrant),
        "undertakings": ("undertakings", Undertakings),
        "property": ("property", Property),
        "contact": ("contact", Contact),
        "annexes": ("annex", Annex),
        "assurances": ("assurances", Assurances),
        "transmission": ("transmission", Transmission),
    }
    keys = []
    for name in RequestBody.model_fields:
        if name in ("format", "format_version", "measures"):
            continue
        if name in parts:
            prefix, model = parts[name]
            keys += [f"field.{prefix}.{sub}" for sub in model.model_fields]
        else:
            keys.append(f"field.{name}")
    return keys


def test_every_language_has_every_key():
    needed = [*_schema_field_keys(), *measure_field_keys()]
    needed += [f"title.{kind}" for kind in RequestBody.model_fields["kind"].annotation.values]
    needed += [f"text.object.{kind}" for kind in RequestBody.model_fields["kind"].annotation.values]
    missing_keys = [key for key in needed if key not in wording_table()]
    assert not missing_keys
    for lang in document_languages():
        gaps = [
            key for key, texts in wording_table().items() if not (texts.get(lang) or "").strip()
        ]
        assert not gaps, f"{lang} lacks {gaps}"


def test_placeholders_match_english_in_every_language():
    for key, texts in wording_table().items():
        wanted = set(re.findall(r"{(\w+)}", texts["en"]))
        for lang in document_languages():
            assert set(re.findall(r"{(\w+)}", texts[lang])) == wanted, (key, lang)


def test_labels_fall_back_to_english(monkeypatch):
    languages, words = labels_module._wording()
    french = {k: v for k, v in words["fr"].items() if k != "heading.facts"}
    monkeypatch.setattr(labels_module, "_wording", lambda: (languages, {**words, "fr": french}))
    labels_module.labels.cache_clear()
    try:
        assert labels("fr")["heading.facts"] == "Summary of the facts"
        assert labels("zh-hans")["heading.proceedings"] == "诉讼程序"
        assert labels("xx")["heading.proceedings"] == "Proceedings"
    finally:
        labels_module.labels.cache_clear()


def test_un_terminology():
    title = {lang: labels(lang)["title.mla"] for lang in LANGUAGES}
    assert "entraide judiciaire" in title["fr"]
    assert "asistencia judicial recíproca" in title["es"]
    assert "взаимной правовой помощи" in title["ru"]
    assert "المساعدة القانونية المتبادلة" in title["ar"]
    assert "司法协助" in title["zh"]
    assert "взаємної правової допомоги" in title["uk"]
    assert "引渡" in labels("zh")["title.extradition"]
    assert "выдаче" in labels("ru")["title.extradition"]


# --- The model ----------------------------------------------------------------------------------


def test_model_cites_only_what_was_entered_or_known():
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(
        requested_state="DEU",
        legal_bases=["UNTOC"],
        facts="Funds moved through Berlin.",
        undertakings={"reciprocity": False, "speciality": False},
        urgency={"urgent": False},
    )
    document = build_document(body, "en", names=NAMES, final=True)
    keys = [s.key for s in document.sections]
    assert keys == ["requesting_authority", "legal_basis", "facts"]
    assert document.sections[1].items == ["UNTOC, art. 18"]
    assert document.opening == (
        "The requesting authority has the honour to ask the competent authorities of the requested State "
        "(Germany), under UNTOC, art. 18, for the assistance described below."
    )
    assert not document.confidential and document.page.markings == []


def test_measure_rows_cite_provisions_of_the_chosen_bases():
    body = mla_body("en")
    block = build_document(body, "en", names=NAMES).sections[6].blocks[0]
    assert block.title == "1. Bank and financial records"
    rows = {r.label: r.value for r in block.rows}
    assert rows["Account identifiers"] == "DE89370400440532013000\nDE44500105175407324931"
    assert rows["Period from"] == "1 March 2022"
    assert rows["Provisions cited"] == "UNTOC, art. 18(3)(f), UNTOC, art. 18(8)"


# --- DOCX ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mla_docx_has_every_value_and_heading(lang):
    data = rendered("docx", lang)
    text = docx_text(data)
    t = labels(lang)
    assert_contains(text, entered_values(mla_body(lang), lang), f"docx {lang} values")
    assert_contains(text, [t[key] for key in MLA_HEADINGS], f"docx {lang} headings")
    assert_contains(
        text,
        ["Office of the Prosecutor General of Ukraine"]
        if lang != "uk"
        else ["Офіс Генерального прокурора"],
        "authority",
    )
    assert page_pattern(lang).search(squeeze(text))
    assert "None" not in text
    document = docx.Document(io.BytesIO(data))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert t["word.confidential"] in header
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert f"1. {t['heading.requesting_authority']}" in headings


def test_arabic_docx_runs_right_to_left():
    document = docx.Document(io.BytesIO(rendered("docx", "ar")))
    arabic = [p for p in document.paragraphs if re.search("[\u0600-\u06ff]", p.text)]
    assert len(arabic) > 10
    for paragraph in arabic:
        ppr = paragraph._p.pPr
        assert ppr is not None and ppr.find(docx.oxml.ns.qn("w:bidi")) is not None, paragraph.text
        for run in paragraph.runs:
            if re.search("[\u0600-\u06ff]", run.text):
                assert run.font.rtl, run.text
    for table in document.tables:
        assert table._tbl.tblPr.find(docx.oxml.ns.qn("w:bidiVisual")) is not None
    # Latin values keep their order: embedded left-to-right, and not in the Arabic font.
    phone = next(r for p in document.paragraphs for r in p.runs if "+380 44" in r.text)
    assert phone.text.startswith("\u202a") and not phone.font.rtl


def test_docx_fonts_are_set_per_script():
    document = docx.Document(io.BytesIO(rendered("docx", "zh")))
    fonts = document.styles["Normal"].element.rPr.find(docx.oxml.ns.qn("w:rFonts"))
    attrs = {k.split("}")[1]: v for k, v in fonts.attrib.items()}
    assert attrs["ascii"] == attrs["hAnsi"] == "Noto Sans"
    assert attrs["eastAsia"] == "Noto Sans SC"
    assert attrs["cs"] == "Noto Naskh Arabic"
    heading = document.styles["Heading 1"].element.rPr.find(docx.oxml.ns.qn("w:rFonts"))
    assert not any("Theme" in k or "theme" in k for k in heading.attrib)


# --- PDF ----------------------------------------------------------------------------------------


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_mla_pdf_has_every_value_and_heading(lang, tmp_path):
    data = rendered("pdf", lang)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    t = labels(lang)
    rtl = lang == "ar"
    assert_contains(text, entered_values(mla_body(lang), lang), f"pdf {lang} values", rtl_pdf=rtl)
    assert_contains(text, [t[key] for key in MLA_HEADINGS], f"pdf {lang} headings", rtl_pdf=rtl)
    assert page_pattern(lang).search(squeeze(text)), "page numbers"
    # The confidentiality marking is on every page.
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    assert all(squeeze(t["word.confidential"]) in squeeze(page) for page in pages)
    assert "None" not in text


@needs_pdffonts
@pytest.mark.parametrize(
    ("lang", "family"),
    [("ar", "NotoNaskhArabic"), ("zh", "NotoSansSC"), ("ru", "NotoSans")],
)
def test_pdf_embeds_the_shipped_fonts(lang, family, tmp_path):
    fonts = pdf_fonts(rendered("pdf", lang), tmp_path)
    assert family in fonts
    assert {f"{family}Bold", "NotoSans"} <= fonts
    assert not [f for f in fonts if not f.startswith("Noto")], fonts


@needs_pdffonts
@needs_pdftotext
def test_pdf_needs_no_system_font(tmp_path, monkeypatch):
    """A fresh machine: fontconfig knows no font at all, only the shipped @font-face files."""
    empty = tmp_path / "fonts.conf"
    empty.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    # The fonts are configured once per process: configure them again, on the empty Fontconfig.
    pdf_module._fonts_and_style.cache_clear()
    try:
        data = render_pdf(
            mla_body("ar"),
            language="ar",
            bilingual="zh",
            requesting_authority=requesting_authority(),
            names=NAMES,
        )
    finally:
        pdf_module._fonts_and_style.cache_clear()
    fonts = pdf_fonts(data, tmp_path)
    assert {"NotoSans", "NotoNaskhArabic", "NotoSansSC"} <= fonts
    assert all(f.startswith(("NotoSans", "NotoNaskhArabic")) for f in fonts), fonts
    text = pdf_text(data, tmp_path)
    assert_contains(
        text, [FACTS["ar"], labels("ar")["title.mla"], labels("zh")["title.mla"]], "fresh"
    )


def test_fonts_are_shipped_with_their_licence():
    files = {p.name for p in FONTS_DIR.iterdir()}
    for family in ("NotoSans", "NotoNaskhArabic", "NotoSansSC"):
        assert {f"{family}-Regular.ttf", f"{family}-Bold.ttf", f"OFL-{family}.txt"} <= files
        assert "SIL OPEN FONT LICENSE" in (FONTS_DIR / f"OFL-{family}.txt").read_text().upper()
    assert "README.md" in files
    assert sum(p.stat().st_size for p in FONTS_DIR.iterdir()) < 40 * 1024 * 1024


@needs_pdftotext
def test_pdf_escapes_free_text(tmp_path):
    body = mla_body("en")
    body["facts"] = 'Paid "Vantor & Sons" <script>alert(1)</script>\nsecond line'
    data = render_pdf(body, language="en", names=NAMES)
    text = pdf_text(data, tmp_path)
    assert '"Vantor & Sons" <script>alert(1)</script>' in text
    assert "second line" in text


# --- Other kinds, bilingual, drafts -------------------------------------------------------------


def extradition_body() -> dict:
    return {
        "kind": "extradition",
        "requesting_state": "UKR",
        "requested_state": "DEU",
        "legal_bases": ["UNTOC"],
        "reference": "UA-EXT-2026/0009",
        "persons": [
            {"role": "person_sought", "name": "Taras Bilyk-Osadchyi", "nationality": "UKR"}
        ],
        "offences": [{"label": "Fraud on a large scale", "statute": "Art. 190(4) CC"}],
        "facts": "Defrauded the Ternivka cooperative.",
        "warrant": {
            "kind": "arrest_warrant",
            "issued_by": "Pechersk District Court of Kyiv",
            "date": "2026-02-11",
            "reference": "757/1234/26",
            "enforceable": True,
        },
        "dual_criminality": "Betrug, section 263 StGB",
        "undertakings": {"speciality": True, "reciprocity": False},
    }


def preservation_body() -> dict:
    return {
        "kind": "preservation",
        "requesting_state": "UKR",
        "requested_state": "DEU",
        "legal_bases": ["CETS-185"],
        "measures": [
            {
                "type": "preservation_stored_data",
                "data": "Mailbox contents of zorvath@example.net",
                "custodian": "Example Mail GmbH, Berlin",
                "relation": "Used to send the phishing e-mails",
                "necessity": "Provider deletes after 30 days",
            }
        ],
        "undertakings": {"mla_request_to_follow": True},
    }


@pytest.mark.parametrize(
    ("body", "lang", "keys", "values"),
    [
        (
            extradition_body(),
            "fr",
            ["title.extradition", "heading.warrant", "heading.undertakings",
             "warrant_kind.arrest_warrant", "text.undertaking.speciality", "word.yes",
             "role.person_sought"],
            ["Taras Bilyk-Osadchyi", "Pechersk District Court of Kyiv", "757/1234/26",
             "Betrug, section 263 StGB", "11 février 2026"],
        ),
        (
            preservation_body(),
            "ru",
            ["title.preservation", "measure.preservation_stored_data",
             "measure.preservation_stored_data.custodian", "text.undertaking.mla_request_to_follow"],
            ["Mailbox contents of zorvath@example.net", "Provider deletes after 30 days"],
        ),
    ],
)  # fmt: skip
def test_other_kinds_render_with_their_headings(body, lang, keys, values, tmp_path):
    t = labels(lang)
    expected = [t[k] for k in keys] + values
    assert_contains(docx_text(render_docx(body, language=lang, names=NAMES)), expected, "docx")
    if PDFTOTEXT:
        pdf = render_pdf(body, language=lang, names=NAMES)
        assert_contains(pdf_text(pdf, tmp_path), expected, "pdf")
    text = docx_text(render_docx(body, language=lang, names=NAMES))
    assert t["text.undertaking.reciprocity"] not in text  # false flags are left out


def test_bilingual_docx_has_both_languages_on_separate_pages():
    data = rendered("docx", "en", "ar")
    document = docx.Document(io.BytesIO(data))
    text = docx_text(data)
    for lang in ("en", "ar"):
        t = labels(lang)
        assert_contains(text, [t["title.mla"], t["heading.facts"], t["heading.assistance"]], lang)
    assert len(document.sections) == 2
    assert "Page" in document.sections[0].footer.paragraphs[0].text
    assert "الصفحة" in document.sections[1].footer.paragraphs[0].text
    assert labels("ar")["word.confidential"] in document.sections[1].header.paragraphs[0].text


@needs_pdftotext
def test_bilingual_pdf_has_both_languages(tmp_path):
    text = pdf_text(rendered("pdf", "fr", "zh"), tmp_path)
    for lang in ("fr", "zh"):
        t = labels(lang)
        assert_contains(text, [t["title.mla"], t["heading.facts"], t["heading.persons"]], lang)
    pages = [page for page in text.split("\f") if page.strip()]
    first_zh = next(i for i, page in enumerate(pages) if labels("zh")["title.mla"] in page)
    assert labels("fr")["title.mla"] not in pages[first_zh]
    assert page_pattern("zh").search(squeeze(pages[-1]))


def _row_cells(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(r.cells[0].text, r.cells[1].text) for t in document.tables for r in t.rows]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_incomplete_draft_renders_without_empty_labels(lang, tmp_path):
    body = empty_body(kind="mla", requesting_state="UKR")
    body["facts"] = "Only the facts so far."
    data = render_docx(body, language=lang, names=NAMES)
    text = docx_text(data)
    for word in ("None", "False", "null"):
        assert word not in text
    assert all(label.strip() and plain(value).strip() for label, value in _row_cells(data))
    t = labels(lang)
    for absent in ("heading.urgency", "heading.confidentiality", "heading.persons",
                   "heading.assistance", "word.confidential", "heading.annexes"):  # fmt: skip
        assert t[absent] not in text, absent
    assert t["heading.facts"] in text
    if PDFTOTEXT:
        pdf = pdf_text(render_pdf(body, language=lang, names=NAMES), tmp_path)
        assert "None" not in pdf and "False" not in pdf
        assert_contains(pdf, ["Only the facts so far.", t["heading.facts"]], "pdf draft")


def test_malformed_draft_still_renders():
    body = {"kind": "mla", "requesting_state": "UKR", "persons": [{"name": "Anna", "date_of_birth": "about 1980"}, "junk"], "measures": [{"type": "unheard_of", "note": "x"}, {}]}  # fmt: skip
    text = docx_text(render_docx(body, language="en", names=NAMES))
    assert "Anna" in text and "about 1980" in text and "Unheard of" in text
    assert render_pdf(body, language="en", names=NAMES).startswith(b"%PDF")


def test_cover_letter_goes_to_the_central_authority():
    body = mla_body("es")
    data = render_docx(
        body,
        language="es",
        with_cover_letter=True,
        requesting_authority=requesting_authority(),
        requested_authority=central_authority(),
        names=NAMES,
    )
    text = docx_text(data)
    t = labels("es")
    assert_contains(
        text,
        [
            "Bundesamt für Justiz (Example Desk)", "Adenauerallee 99-103", "Alemania",
            "Office of the Prosecutor General of Ukraine", "15 Riznytska Street",
            "+380 44 200 75 00", "mla@gp-example.gov.ua", "https://gp-example.gov.ua",
            "UA-MLA-2026/0417", "BfJ-RH-5512", "Oksana Hrebeniuk", t["title.mla"],
            t["word.confidential"],
        ],
        "cover letter",
    )  # fmt: skip
    assert "del Estado requerido (Alemania)" in text
    with_letter = docx_text(render_docx(body, language="es", with_cover_letter=True, names=NAMES))
    assert with_letter.index("remite la solicitud adjunta") < with_letter.index(t["heading.facts"])


@pytest.mark.django_db
def test_names_come_from_the_database_when_not_given():
    from tests import factories

    factories.country("UKR")
    factories.country("DEU")
    body = copy.deepcopy(mla_body("uk"))
    text = docx_text(render_docx(body, language="uk"))
    assert "Україна" in text  # CLDR name from geo.Country.names
    assert "Німеччина" in text  # no Ukrainian name stored: CLDR's, never the code


@pytest.mark.parametrize(
    "kind", ["mla", "confiscation", "preservation", "extradition", "provisional_arrest"]
)
def test_complete_bodies_of_each_kind_render(kind, complete_body):
    """The rules engine's complete bodies (tests/drafting/conftest.py) all render, titled."""
    body = complete_body(kind)
    data = render_docx(body, language="en", names=NAMES)
    text = docx_text(data)
    assert labels("en")[f"title.{kind}"] in text
    assert_contains(text, [body["facts"]] if body.get("facts") else [], kind)
    assert "None" not in text and "False" not in text
    assert all(label.strip() and value.strip() for label, value in _row_cells(data))


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_saved_request_renders_through_the_app(fmt):
    """drafting.rendering resolves the owner authority and the names from the database."""
    from comity.accounts.models import Role
    from comity.drafting import rendering, services
    from tests import factories

    owner = factories.AuthorityFactory(
        country=factories.country("UKR"), name="Office of the Prosecutor General (test)"
    )
    factories.country("DEU")
    officer = factories.UserFactory(authority=owner, role=Role.OFFICER)
    found = services.create_request(owner=owner, data=mla_body("uk"), actor=officer)
    content, content_type = rendering.render(found, fmt=fmt, language="uk", bilingual="en")
    assert content_type == rendering.CONTENT_TYPES[fmt]
    if fmt == "docx":
        text = docx_text(content)
        assert "Office of the Prosecutor General (test)" in text
        assert labels("uk")["title.mla"] in text and labels("en")["title.mla"] in text
    else:
        assert content.startswith(b"%PDF")
