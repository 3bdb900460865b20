"""Requests in Turkish, Japanese and Korean: the words of each language reach the DOCX and the PDF
with the drafter's own text; the PDF draws every letter from the shipped fonts (Turkish ş ğ ı İ
from Noto Sans, Japanese kana and kanji from Noto Sans SC, Hangul from the bundled Noto Sans CJK
KR subset), embeds them all and needs no system font; the DOCX tags each part with its language
and names the East Asian face of that language.

The PDF checks read the file back with poppler (`pdftotext`, `pdffonts`) and are skipped, with
the reason, where poppler-utils is not installed.
"""

import functools
import io
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from comity.drafting.documents.docx import EAST_ASIAN_FONTS, render_docx
from comity.drafting.documents.labels import document_languages, labels, wording_table
from comity.drafting.documents.model import Names, plain
from comity.drafting.documents.pdf import FONT_FACES, FONTS_DIR, render_pdf
from tests.drafting.test_documents import central_authority, docx_text, page_pattern, squeeze
from tests.drafting.test_documents_formal import requesting_authority

PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(
    PDFTOTEXT is None or PDFFONTS is None,
    reason="pdftotext/pdffonts (poppler-utils) are not installed: PDF text and fonts not checked",
)

LANGUAGES = ("tr", "ja", "ko")

NAMES = Names(
    states={
        "UKR": {"en": "Ukraine", "tr": "Ukrayna", "ja": "ウクライナ", "ko": "우크라이나"},
        "DEU": {"en": "Germany", "tr": "Almanya", "ja": "ドイツ", "ko": "독일"},
    }
)

# What a drafter types in the document's language: paragraphs (facts, purpose, use of the
# evidence) and short table values, so that every script goes through the fonts.
TYPED = {
    "tr": {
        "facts": "Şüpheli, Ocak 2024 ile Haziran 2025 arasında KDV dolandırıcılığıyla elde edilen "
        "2,4 milyon avroyu Berlin'deki bir hesap üzerinden aktarmış; paranın bir kısmı İzmir'deki "
        "Doğuş Işıklı Ticaret şirketine gönderilmiştir.",
        "purpose": "Suç gelirlerinin akışını şüphelinin yargılanmasında ispat etmek.",
        "use_limits": "Deliller yalnızca 42026000000000123 sayılı ceza soruşturmasında kullanılacaktır.",
        "description": "Sol elinde yara izi; fotoğraflar Ek 2'dedir.",
        "questions": "Hesabı açmanız için size kim talimat verdi?",
    },
    "ja": {
        "facts": "被疑者は、2024年1月から2025年6月までの間、付加価値税詐欺により得た240万ユーロを、"
        "ベルリンにあるバルティック・トレード・ソリューションズ社の口座を経由して移転した。",
        "purpose": "被疑者の公判において犯罪収益の流れを立証するため。",
        "use_limits": "証拠は、刑事手続第42026000000000123号においてのみ使用する。",
        "description": "左手に傷跡あり。写真は添付書類2のとおり。",
        "questions": "誰が口座の開設を指示したか。",
    },
    "ko": {
        "facts": "피의자는 2024년 1월부터 2025년 6월까지 부가가치세 사기로 취득한 240만 유로를 "
        "베를린에 있는 발틱 트레이드 솔루션즈 유한회사의 계좌를 통하여 이전하였다.",
        "purpose": "피의자의 공판에서 범죄수익의 흐름을 입증하기 위함.",
        "use_limits": "증거는 형사절차 제42026000000000123호에서만 사용한다.",
        "description": "왼손에 흉터가 있음. 사진은 붙임 2 참조.",
        "questions": "누가 계좌 개설을 지시하였습니까?",
    },
}

# The faces each language's text is set in (document.html): Latin first, then the language's own.
SCRIPT_FONTS = {
    "tr": ("NotoSans-Regular.ttf",),
    "ja": ("NotoSans-Regular.ttf", "NotoSansSC-Regular.ttf"),
    "ko": ("NotoSans-Regular.ttf", "NotoSansKR-Regular.otf", "NotoSansSC-Regular.ttf"),
}


def in_language(body: dict, lang: str) -> dict:
    """A complete MLA request (conftest's `complete_body`) with the drafter's text in `lang`."""
    typed = TYPED[lang]
    body.update(language=lang, facts=typed["facts"], purpose=typed["purpose"])
    body["use_limits"] = {"stated": True, "text": typed["use_limits"]}
    body["persons"][0]["description"] = typed["description"]
    body["measures"][1]["questions"] = typed["questions"]
    return body


def render(fmt: str, body: dict, lang: str) -> bytes:
    renderer = render_docx if fmt == "docx" else render_pdf
    return renderer(
        body,
        language=lang,
        requesting_authority=requesting_authority(),
        requested_authority=central_authority(),
        names=NAMES,
    )


def expected(lang: str) -> list[str]:
    """What the document must say: its title and headings, the formulae, the States' names and
    every value the drafter typed."""
    t = labels(lang)
    typed = TYPED[lang]
    return [
        t["title.mla"],
        t["heading.facts"],
        t["heading.assistance"],
        t["measure.bank_records"],
        t["measure.testimony"],
        t["role.suspect"],
        t["category.money_laundering"],
        t["text.salutation"],
        NAMES.state("UKR", lang),
        NAMES.state("DEU", lang),
        *typed.values(),
        "Ivan Petrenko",
        "DE89370400440532013000",
        "UKR-2026-001",
    ]


@functools.cache
def cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS_DIR / name, lazy=True).getBestCmap())


@functools.cache
def postscript_name(name: str) -> str:
    return TTFont(FONTS_DIR / name, lazy=True)["name"].getDebugName(6)


# --- Words and fonts ----------------------------------------------------------------------------


def test_the_three_languages_are_document_languages_left_to_right_and_not_yet_reviewed():
    found = document_languages()
    assert [(found[c].name, found[c].rtl) for c in LANGUAGES] == [
        ("Türkçe", False),
        ("日本語", False),
        ("한국어", False),
    ]
    assert not any(found[c].reviewed_by or found[c].reviewed_on for c in LANGUAGES)


def test_the_words_follow_the_treaty_terminology():
    tr, ja, ko = (labels(lang) for lang in LANGUAGES)
    assert tr["title.mla"] == "Cezai konularda karşılıklı adli yardım talebi"
    assert "iade" in tr["text.object.provisional_arrest"]
    assert tr["field.requesting_state"] == "Talep eden Devlet"
    assert tr["field.requested_state"] == "Talep edilen Devlet"
    assert "刑事に関する共助" in ja["title.mla"]
    assert (ja["field.requesting_state"], ja["field.requested_state"]) == ("請求国", "被請求国")
    assert ja["measure.preservation_stored_data"] == "蔵置されたコンピュータ・データの迅速な保全"
    assert (ja["heading.dual_criminality"], ja["field.undertakings.speciality"]) == (
        "双罰性",
        "特定性の原則",
    )
    assert "형사사법공조" in ko["title.mla"]
    assert "범죄인인도" in ko["title.extradition"]
    assert "긴급인도구속" in ko["title.provisional_arrest"]
    assert (ko["field.requesting_state"], ko["field.requested_state"]) == ("청구국", "피청구국")
    assert (ko["heading.dual_criminality"], ko["field.undertakings.speciality"]) == (
        "쌍방가벌성",
        "특정성의 원칙",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_letter_of_the_words_and_of_the_typed_text_is_in_a_shipped_font(lang):
    fonts = SCRIPT_FONTS[lang]
    text = "".join(texts[lang] for texts in wording_table().values()) + "".join(
        TYPED[lang].values()
    )
    missing = {c for c in text if c.strip() and not any(ord(c) in cmap(f) for f in fonts)}
    assert not missing, sorted(missing)


def test_turkish_letters_are_in_noto_sans_and_hangul_in_the_korean_subset():
    for font in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        assert {ord(c) for c in "şŞğĞıİöÖüÜçÇâî"} <= cmap(font)
    syllables = set(range(0xAC00, 0xD7A4))
    for font in ("NotoSansKR-Regular.otf", "NotoSansKR-Bold.otf"):
        assert syllables | set(range(0x3131, 0x318F)) <= cmap(font)
        assert "KR" in postscript_name(font).upper()
    assert not syllables & cmap("NotoSansSC-Regular.ttf")  # why the Korean subset is shipped


def test_the_korean_font_is_shipped_with_its_licence():
    faces = {(family, weight): name for family, weight, name in FONT_FACES}
    assert faces[("Noto Sans KR", 400)] == "NotoSansKR-Regular.otf"
    assert faces[("Noto Sans KR", 700)] == "NotoSansKR-Bold.otf"
    licence = (FONTS_DIR / "OFL-NotoSansKR.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence.upper() and "Adobe" in licence
    assert "NotoSansKR-Regular.otf" in (FONTS_DIR / "README.md").read_text()
    for name in ("NotoSansKR-Regular.otf", "NotoSansKR-Bold.otf"):
        assert (FONTS_DIR / name).stat().st_size < 3 * 1024 * 1024


# --- DOCX ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bodies(complete_body):
    return {lang: in_language(complete_body("mla"), lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def docxs(bodies):
    return {lang: render("docx", bodies[lang], lang) for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_docx_has_the_title_the_formulae_and_the_typed_values(lang, docxs):
    text = plain(docx_text(docxs[lang]))
    missing = [value for value in expected(lang) if squeeze(value) not in squeeze(text)]
    assert not missing
    assert "None" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_docx_opens_and_closes_with_the_formulae_of_its_language(lang, docxs):
    t = labels(lang)
    document = docx.Document(io.BytesIO(docxs[lang]))
    text = "\n".join(plain(p.text) for p in document.paragraphs)
    closing = t["text.closing"].split("{authority}")[-1].split("{state}")[0].strip()
    assert text.index(t["text.salutation"]) < text.index(t["heading.facts"]) < text.index(closing)
    if lang == "ja":  # 拝啓 … 敬具: the closing word stands on a line of its own
        assert "表します。\n敬具" in text


@pytest.mark.parametrize(("lang", "fields"), [("tr", "PAGE NUMPAGES"), ("ja", "NUMPAGES PAGE")])
def test_the_docx_footer_numbers_pages_in_the_order_of_its_language(lang, fields, docxs):
    """Turkish reads "Sayfa 1 / 3", Japanese "3ページ中1ページ": the total first."""
    footer = docx.Document(io.BytesIO(docxs[lang])).sections[0].footer
    instructions = [i.text.strip() for i in footer._element.iter(qn("w:instrText"))]
    assert " ".join(instructions) == fields
    assert re.sub(r"\d+", "", footer.paragraphs[0].text) == re.sub(
        r"{pages?}", "", labels(lang)["word.page_x_of_y"]
    )


@pytest.mark.parametrize(("lang", "tag"), [("tr", "tr-TR"), ("ja", "ja-JP"), ("ko", "ko-KR")])
def test_docx_runs_carry_their_language_and_east_asian_face(lang, tag, docxs):
    document = docx.Document(io.BytesIO(docxs[lang]))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == labels(lang)["title.mla"]
    for run in title.runs:
        rpr = run._r.rPr
        language = {k.split("}")[1]: v for k, v in rpr.find(qn("w:lang")).attrib.items()}
        fonts = rpr.find(qn("w:rFonts"))
        if lang == "tr":
            assert language == {"val": "tr-TR"}
            assert fonts is None  # the styles' Noto Sans
        else:
            assert language == {"val": "en-GB", "eastAsia": tag}
            assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONTS[lang]
    assert EAST_ASIAN_FONTS["ja"] == "Noto Sans JP" and EAST_ASIAN_FONTS["ko"] == "Noto Sans KR"


# --- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(bodies, tmp_path_factory):
    """Each language's PDF, printed on a machine without any system font: fontconfig knows only
    the @font-face files, so a letter missing from them could not be drawn from elsewhere."""
    tmp = tmp_path_factory.mktemp("fonts")
    empty = tmp / "fonts.conf"
    empty.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp / 'cache'}</cachedir></fontconfig>"
    )
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        patch.setenv("FONTCONFIG_FILE", str(empty))
        warnings.filterwarnings("ignore", "No fonts configured", UserWarning)  # on purpose
        return {lang: render("pdf", bodies[lang], lang) for lang in LANGUAGES}


def pdf_text(data: bytes, path: Path) -> str:
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def pdf_font_table(data: bytes, path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name (without the subset prefix), type, emb, for each font."""
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFFONTS, str(path)], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    header = [lines[0][a:b].strip() for a, b in spans]
    fonts = []
    for line in lines[2:]:
        if line.strip():
            row = dict(zip(header, (line[a:b].strip() for a, b in spans), strict=False))
            row["name"] = row["name"].split("+", 1)[-1]
            fonts.append(row)
    return fonts


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_the_title_the_formulae_and_the_typed_values(lang, pdfs, tmp_path):
    text = pdf_text(pdfs[lang], tmp_path / "document.pdf")
    missing = [value for value in expected(lang) if squeeze(value) not in squeeze(text)]
    assert not missing
    assert page_pattern(lang).search(squeeze(text)), "page numbers"
    if lang == "ja":
        assert "敬具" in [line.strip() for line in text.splitlines()]


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "families"),
    [
        ("tr", {"Noto Sans"}),
        ("ja", {"Noto Sans", "Noto Sans SC"}),
        ("ko", {"Noto Sans", "Noto Sans KR"}),
    ],
)
def test_pdf_embeds_only_the_shipped_faces_of_its_scripts(lang, families, pdfs, tmp_path):
    """WeasyPrint names an embedded font after its @font-face family: "Noto-Sans-KR-Bold"."""
    fonts = pdf_font_table(pdfs[lang], tmp_path / "fonts.pdf")
    names = {f["name"].replace("-", "") for f in fonts}
    assert names == {family.replace(" ", "") + bold for family in families for bold in ("", "Bold")}
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert not [f for f in fonts if "Type 3" in f["type"]], fonts
    if lang == "ko":
        assert {"Noto-Sans-KR", "Noto-Sans-KR-Bold"} <= {f["name"] for f in fonts}


def test_states_are_named_in_every_document_language(db):
    from comity.drafting.documents.context import resolve_names
    from tests import factories

    factories.country("DEU")
    factories.country("UKR")
    names = resolve_names({"requesting_state": "UKR", "requested_state": "DEU"})
    assert names.state("DEU", "de") == "Deutschland"
    assert names.state("DEU", "ko") == "독일"
    assert names.state("UKR", "uk") == "Україна"  # the stored name of an interface language
