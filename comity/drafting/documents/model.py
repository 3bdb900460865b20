"""A neutral model of the request document, shared by the DOCX and PDF renderers.

It holds only what the drafter entered and what the system can cite: legal bases by instrument
code and provision, the States' names, the authorities' names and contact details. It never
invents content: an empty field is left out (never shown as "no"), a false flag is left out, and
the standard sentences are the minimal neutral ones in labels.py.

Pure functions of their arguments: the database is read by `context.resolve_names()`, not here.
"""

from __future__ import annotations

import base64
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import ValidationError

from comity.drafting.documents.labels import is_rtl, labels, normalize_language
from comity.drafting.flows import section_order
from comity.drafting.measures import MEASURES
from comity.drafting.schema import UNDERTAKINGS, RequestBody

# Babel locale per document language ("en" alone would give "March 12, 2024").
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
_UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.I)


@dataclass
class Row:
    label: str
    value: str


@dataclass
class Block:
    """One item of a list: an offence, a person, a measure."""

    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list (annexes)

    def is_empty(self) -> bool:
        return not (self.paragraphs or self.rows or self.blocks or self.items)


@dataclass(frozen=True)
class Logo:
    """An authority's logo, checked when it was uploaded (documents/house/checks.py)."""

    data: bytes
    content_type: str  # image/png | image/jpeg
    width: int  # pixels
    height: int

    @property
    def data_uri(self) -> str:
        """The image inline, for the HTML that WeasyPrint prints (no file, no network)."""
        return f"data:{self.content_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class House:
    """An authority's house style, as the documents use it: its logo, the letterhead lines that
    replace its directory address and contacts, its signatory, and its DOCX house template."""

    logo: Logo | None = None
    lines: tuple[str, ...] = ()
    signatory_name: str = ""
    signatory_function: str = ""
    template: bytes = b""


@dataclass
class Letterhead:
    name: str
    lines: list[str] = field(default_factory=list)  # address lines
    contacts: list[Row] = field(default_factory=list)  # telephone, e-mail, website
    logo: Logo | None = None

    def text_lines(self) -> list[str]:
        """The lines under the name as text, the contacts as "Telephone: +380 …"."""
        return [*self.lines, *(f"{row.label}: {row.value}" for row in self.contacts)]


@dataclass
class Names:
    """What the system knows by code: States' names and instruments' titles, by language."""

    states: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    instruments: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def state(self, code: str, lang: str) -> str:
        names = self.states.get((code or "").upper()) or {}
        return names.get(lang) or names.get("en") or code

    def instrument(self, code: str, lang: str) -> str:
        return (self.instruments.get(code) or {}).get(lang, "")


# Splits a page template into text and the names of its numbers: "Page {page} of {pages}" ->
# ["Page ", "page", " of ", "pages", ""] (the names at odd positions).
PAGE_FIELDS = re.compile(r"\{(pages?)\}")


@dataclass
class Page:
    """What every page of one language part carries: markings in the header, numbering below."""

    language: str
    direction: str  # ltr | rtl
    markings: list[str]  # "DRAFT", "CONFIDENTIAL", "URGENT" in the language
    page_template: str  # "Page {page} of {pages}" in the language (either number may come first)


class OnPage:
    """A document part whose language and writing direction are those of its pages."""

    page: Page

    @property
    def language(self) -> str:
        return self.page.language

    @property
    def direction(self) -> str:
        return self.page.direction


@dataclass
class Document(OnPage):
    page: Page
    title: str
    letterhead: Letterhead | None
    place_date: str  # "Kyiv, 12 March 2024", or the date alone when the place is unknown
    addressee: list[str]  # the requested authority, its address lines, its State
    addressee_label: str
    references: list[Row]
    salutation: str
    opening: str
    sections: list[Section]
    closing: str
    signature: list[str]  # a line to sign on, "Name, function", the requesting authority
    confidential: bool
    urgent: bool
    draft: bool


@dataclass
class CoverLetter(OnPage):
    page: Page
    heading: str
    letterhead: Letterhead | None
    addressee: list[str]  # "To" block: central authority name, then its address lines
    addressee_label: str
    references: list[Row]
    subject: Row
    salutation: str
    paragraphs: list[str]
    closing: str
    enclosure: Row  # the request
    annexes: list[str]  # the request's annexes, enclosed with it
    signature: list[str]


@dataclass
class Letter(OnPage):
    """A letter about a request already sent (a status enquiry): the frame of the request
    document (letterhead, date and place, addressee, references, formulae, signature) around a
    subject and a few paragraphs."""

    page: Page
    title: str
    letterhead: Letterhead | None
    place_date: str
    addressee: list[str]
    addressee_label: str
    references: list[Row]
    subject: Row
    salutation: str
    paragraphs: list[str]
    closing: str
    signature: list[str]


# --- Reading the body ---------------------------------------------------------------------------


def normalize_body(body: Mapping[str, Any]) -> dict:
    """The body through the schema when it validates (strips, defaults); else as given.

    A draft that does not validate (say an unknown kind from an older client) still renders what
    it has: every accessor below tolerates missing keys and odd types.
    """
    try:
        return RequestBody.model_validate(dict(body)).model_dump(mode="json")
    except ValidationError:
        return dict(body)


# Characters no document format can hold. Input is refused with them (comity.core.text); a
# request saved before that rule still renders, without them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(t for t in (_text(v) for v in value) if t)
    return _UNPRINTABLE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()


def _part(body: Mapping, key: str) -> Mapping:
    value = body.get(key)
    return value if isinstance(value, Mapping) else {}


def _items(body: Mapping, key: str) -> list[Mapping]:
    value = body.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


class _Writer:
    """Formats values for one language."""

    def __init__(self, lang: str, names: Names):
        self.lang = lang
        self.t = labels(lang)
        self.names = names
        self.locale = _LOCALES.get(lang, lang)

    def date(self, value: Any) -> str:
        text = _text(value)
        if not text:
            return ""
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            return text  # as written
        return format_date(day, "long", locale=self.locale)

    def number(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        try:
            number = float(value)
        except (TypeError, ValueError):
            return _text(value)
        return format_decimal(number, locale=self.locale)

    def choice(self, prefix: str, value: Any) -> str:
        text = _text(value)
        return self.t.get(f"{prefix}.{text}", text) if text else ""

    def state(self, code: Any) -> str:
        text = _text(code)
        return self.names.state(text, self.lang) if text else ""

    def join(self, parts: list[str]) -> str:
        return self.t["word.list_separator"].join(p for p in parts if p)

    def provision(self, citation: str) -> str:
        """'UNTOC 18(3)(f)' -> 'UNTOC, art. 18(3)(f)' (article word in the language)."""
        code, _, article = citation.rpartition(" ")
        if not code or not article[:1].isdigit():
            return citation
        sep = "، " if self.lang == "ar" else (" " if self.lang in ("zh", "ja", "ko") else ", ")
        return f"{code}{sep}{self.t['word.article'].format(n=article)}"

    def rows(self, pairs: list[tuple[str, str]]) -> list[Row]:
        return [Row(label, value) for label, value in pairs if label and value]


def writer(language: str, names: Names | None = None) -> _Writer:
    """What formats dates, States' names and provisions in one document language, with its
    wording (`.t`)."""
    return _Writer(normalize_language(language), names or Names())


def display_date(value: Any, language: str) -> str:
    """A date as the document writes it in `language` (ISO text in, "12 March 2024" out)."""
    lang = normalize_language(language)
    return _Writer(lang, Names()).date(value)


def _authority_name(authority, lang: str) -> str:
    if authority is None:
        return ""
    display = getattr(authority, "display_name", None)
    if callable(display):
        return _text(display(lang))
    names = getattr(authority, "names", None) or {}
    return _text(names.get(lang) or getattr(authority, "name", ""))


def _address(authority, w: _Writer, state_code: Any = "") -> list[str]:
    """An authority's address lines, then its State's name in the document language (the
    directory entry's State, else `state_code`), unless the address already ends with it."""
    lines = []
    if authority is not None:
        lines = [line.strip() for line in _text(getattr(authority, "address", "")).splitlines()]
        state_code = getattr(authority, "country_id", None) or state_code
    lines = [line for line in lines if line]
    state = w.state(state_code)
    if state and state not in lines:
        lines.append(state)
    return lines


def _place(authority, w: _Writer) -> str:
    """The town of an authority's address: its last line without the postal code ("01011 Kyiv"
    gives "Kyiv"), a last line naming the State set aside. Empty when the directory has no
    address."""
    if authority is None:
        return ""
    lines = [line.strip() for line in _text(getattr(authority, "address", "")).splitlines()]
    state = w.names.states.get(str(getattr(authority, "country_id", None) or "").upper()) or {}
    lines = [line for line in lines if line]
    if lines and lines[-1] in state.values():
        lines.pop()
    if len(lines) < 2:
        return ""
    words = [
        word for word in lines[-1].replace(",", " ").split() if not any(c.isdigit() for c in word)
    ]
    return " ".join(words)


def _letterhead(
    authority, w: _Writer, fallback_name: str = "", state_code: Any = "", house: House | None = None
) -> Letterhead | None:
    """The authority's name over its address and contacts, or over the lines of its house
    style when it set them; its logo when it has one."""
    name = _authority_name(authority, w.lang) or fallback_name
    if not name:
        return None
    house = house or House()
    if house.lines:
        lines = [_text(line) for line in house.lines if _text(line)]
        return Letterhead(name=name, lines=lines, logo=house.logo)
    contacts = []
    if authority is not None:
        contacts = w.rows(
            [(w.t[f"word.{key}"], _text(getattr(authority, key, ""))) for key in _CONTACTS]
        )
    return Letterhead(
        name=name, lines=_address(authority, w, state_code), contacts=contacts, logo=house.logo
    )


def default_letterhead_lines(authority, language: str, names: Names | None = None) -> list[str]:
    """What a letterhead prints under the authority's name when its house style sets no lines:
    its directory entry's address, State and contacts."""
    found = _letterhead(authority, _Writer(normalize_language(language), names or Names()))
    return found.text_lines() if found else []


def _addressee(body: Mapping, authority, name: str, w: _Writer) -> list[str]:
    """The requested authority's name, address and State; without one, the competent
    authorities of the requested State."""
    if not name:
        return [w.t["text.competent_authorities"].format(state=_state_phrase(body, w))]
    return [name, *_address(authority, w, body.get("requested_state"))]


def _signature(requesting_name: str, w: _Writer, house: House | None = None) -> list[str]:
    """A line to sign on, the signatory's name and function under it (the words "Name,
    function" when the authority named no signatory), and the requesting authority.
    The contact person is not the signatory: the contact has a section of its own."""
    house = house or House()
    signatory = [_text(house.signatory_name), _text(house.signatory_function)]
    if not any(signatory):
        signatory = [w.t["word.name_function"]]
    return [line for line in ("_" * 32, *signatory, requesting_name) if line]


_CONTACTS = ("phone", "fax", "email", "website")


def _named(value: str) -> str:
    """A name typed into requesting_authority/requested_authority; a directory id is no name."""
    value = _text(value)
    return "" if _UUID.match(value) else value


def _bases(body: Mapping, w: _Writer) -> list[tuple[str, list[str]]]:
    """(instrument code, provisions cited for this kind) for each legal basis chosen."""
    from comity.treaties.rules import instrument_rules

    rules = instrument_rules()
    kind = _text(body.get("kind"))
    found = []
    for code in body.get("legal_bases") or []:
        code = _text(code)
        if not code:
            continue
        rule = rules.get(code)
        kind_rule = rule.kinds.get(kind) if rule else None
        provisions = [w.provision(p) for p in kind_rule.provisions] if kind_rule else []
        found.append((code, provisions))
    return found


def _cited(body: Mapping, w: _Writer) -> str:
    parts = []
    for code, provisions in _bases(body, w):
        parts.append(w.join(provisions) if provisions else code)
    return w.join(parts)


def _state_phrase(body: Mapping, w: _Writer) -> str:
    state = w.state(body.get("requested_state"))
    return w.t["text.state_named"].format(state=state) if state else w.t["text.state_unnamed"]


def _authority_phrase(name: str, w: _Writer) -> str:
    return w.t["text.authority_named"].format(name=name) if name else w.t["text.authority_unnamed"]


def _page(lang: str, confidential: bool, urgent: bool, draft: bool = False) -> Page:
    t = labels(lang)
    markings = [t["word.draft"]] if draft else []
    if confidential:
        markings.append(t["word.confidential"])
    if urgent:
        markings.append(t["word.urgent"])
    return Page(
        language=lang,
        direction="rtl" if is_rtl(lang) else "ltr",
        markings=markings,
        page_template=t["word.page_x_of_y"],
    )


def _references(body: Mapping, w: _Writer, today: datetime.date) -> list[Row]:
    return w.rows(
        [
            (w.t["word.our_reference"], _text(body.get("reference"))),
            (w.t["word.their_reference"], _text(body.get("their_reference"))),
            (w.t["word.date"], w.date(today.isoformat())),
        ]
    )


# --- Sections -----------------------------------------------------------------------------------


def _measure_block(index: int, measure: Mapping, body: Mapping, w: _Writer) -> Block:
    code = _text(measure.get("type"))
    catalogue = MEASURES.get(code)
    title = w.t.get(f"measure.{code}") or code.replace("_", " ").capitalize()
    rows: list[tuple[str, str]] = []
    known = set()
    if catalogue is not None:
        for f in catalogue.fields:
            known.add(f.name)
            value = measure.get(f.name)
            text = w.date(value) if f.kind == "date" else _text(value)
            rows.append((w.t.get(f"measure.{code}.{f.name}") or str(f.label), text))
    for key, value in measure.items():  # fields the catalogue does not know: shown as entered
        if key not in known and key not in ("type", "id"):
            rows.append((key.replace("_", " ").capitalize(), _text(value)))
    bases = {code for code, _ in _bases(body, w)}
    if catalogue is not None and bases:
        cited = [p for p in catalogue.provisions if p.rpartition(" ")[0] in bases]
        rows.append((w.t["word.provisions"], w.join([w.provision(p) for p in cited])))
    return Block(title=f"{index}. {title}", rows=w.rows(rows))


def _sections(body: Mapping, w: _Writer, requesting_name: str, requested_name: str) -> list:
    t = w.t
    proceedings = _part(body, "proceedings")
    urgency = _part(body, "urgency")
    confidentiality = _part(body, "confidentiality")
    use_limits = _part(body, "use_limits")
    warrant = _part(body, "warrant")
    undertakings = _part(body, "undertakings")
    prop = _part(body, "property")
    contact = _part(body, "contact")
    assurances = _part(body, "assurances")
    transmission = _part(body, "transmission")

    def section(key: str, **parts) -> Section:
        return Section(key=key, heading=t[f"heading.{key}"], **parts)

    sections = [
        section(
            "requesting_authority",
            rows=w.rows(
                [
                    (t["field.requesting_authority"], requesting_name),
                    (t["field.requesting_state"], w.state(body.get("requesting_state"))),
                    (t["field.requested_state"], w.state(body.get("requested_state"))),
                    (t["field.requested_authority"], requested_name),
                    (
                        t["field.transmission.channel"],
                        w.choice("channel", transmission.get("channel")),
                    ),
                    (t["field.transmission.reason"], _text(transmission.get("reason"))),
                    (t["field.transmission.notice"], _text(transmission.get("notice"))),
                ]
            ),
        ),
        section(
            "legal_basis",
            items=[
                " — ".join(
                    p for p in (w.names.instrument(code, w.lang), w.join(provisions) or code) if p
                )
                for code, provisions in _bases(body, w)
            ],
        ),
        section(
            "proceedings",
            rows=w.rows(
                [
                    (t["field.proceedings.stage"], w.choice("stage", proceedings.get("stage"))),
                    (t["field.proceedings.authority"], _text(proceedings.get("authority"))),
                    (t["field.proceedings.case_number"], _text(proceedings.get("case_number"))),
                    (t["field.proceedings.description"], _text(proceedings.get("description"))),
                ]
            ),
        ),
        section(
            "offences",
            blocks=[
                Block(
                    title=_text(o.get("label")) or t["word.offence_n"].format(n=i),
                    rows=w.rows(
                        [
                            (t["field.offence.statute"], _text(o.get("statute"))),
                            (t["field.offence.provision_text"], _text(o.get("provision_text"))),
                            (t["field.offence.max_penalty"], _text(o.get("max_penalty"))),
                            (
                                t["field.offence.max_penalty_years"],
                                w.number(o.get("max_penalty_years")),
                            ),
                            (t["field.offence.category"], w.choice("category", o.get("category"))),
                            (t["field.offence.limitation"], _text(o.get("limitation"))),
                            (t["field.offence.death_penalty"], _yes(o.get("death_penalty"), t)),
                        ]
                    ),
                )
                for i, o in enumerate(_items(body, "offences"), 1)
                if any(_text(v) for v in o.values())
            ],
        ),
        section("facts", paragraphs=_paragraphs(body.get("facts"))),
        section(
            "persons",
            blocks=[
                Block(
                    title=_text(p.get("name")) or t["word.person_n"].format(n=i),
                    rows=w.rows(
                        [
                            (t["field.person.role"], w.choice("role", p.get("role"))),
                            (t["field.person.date_of_birth"], w.date(p.get("date_of_birth"))),
                            (t["field.person.place_of_birth"], _text(p.get("place_of_birth"))),
                            (t["field.person.nationality"], w.state(p.get("nationality"))),
                            (
                                t["field.person.identity_documents"],
                                _text(p.get("identity_documents")),
                            ),
                            (t["field.person.address"], _text(p.get("address"))),
                            (t["field.person.description"], _text(p.get("description"))),
                            (t["field.person.location"], _text(p.get("location"))),
                        ]
                    ),
                )
                for i, p in enumerate(_items(body, "persons"), 1)
                if any(_text(v) for v in p.values())
            ],
        ),
        section(
            "assistance",
            blocks=[
                _measure_block(i, m, body, w)
                for i, m in enumerate(
                    (m for m in _items(body, "measures") if _text(m.get("type"))), 1
                )
            ],
        ),
        section("purpose", paragraphs=_paragraphs(body.get("purpose"))),
        section("procedure", paragraphs=_paragraphs(body.get("procedure"))),
        section("dual_criminality", paragraphs=_paragraphs(body.get("dual_criminality"))),
        section(
            "warrant",
            rows=w.rows(
                [
                    (t["field.warrant.kind"], w.choice("warrant_kind", warrant.get("kind"))),
                    (t["field.warrant.issued_by"], _text(warrant.get("issued_by"))),
                    (t["field.warrant.date"], w.date(warrant.get("date"))),
                    (t["field.warrant.reference"], _text(warrant.get("reference"))),
                    (t["field.warrant.enforceable"], _yes(warrant.get("enforceable"), t)),
                    (t["field.warrant.in_absentia"], _yes(warrant.get("in_absentia"), t)),
                    (t["field.warrant.sentence"], _text(warrant.get("sentence"))),
                    (
                        t["field.warrant.sentence_months"],
                        w.number(warrant.get("sentence_months")),
                    ),
                    (
                        t["field.warrant.remaining_months"],
                        w.number(warrant.get("remaining_months")),
                    ),
                    (t["field.warrant.indeterminate"], _yes(warrant.get("indeterminate"), t)),
                    (t["field.warrant.time_in_custody"], _text(warrant.get("time_in_custody"))),
                ]
            ),
        ),
        section(
            "assurances",
            rows=w.rows(
                [
                    (t[f"field.assurances.{key}"], _text(assurances.get(key)))
                    for key in ("death_penalty", "retrial", "ne_bis_in_idem", "offence_nature")
                ]
            ),
        ),
        section(
            "property",
            rows=w.rows(
                [
                    (t["field.property.description"], _text(prop.get("description"))),
                    (t["field.property.location"], _text(prop.get("location"))),
                    (t["field.property.value"], _text(prop.get("value"))),
                    (t["field.property.owner"], _text(prop.get("owner"))),
                ]
            ),
        ),
        section(
            "urgency",
            paragraphs=[t["text.urgent"]] if urgency.get("urgent") is True else [],
            rows=w.rows(
                [
                    (t["field.urgency.deadline"], w.date(urgency.get("deadline"))),
                    (t["field.urgency.reason"], _text(urgency.get("reason"))),
                ]
            ),
        ),
        section(
            "confidentiality",
            paragraphs=[t["text.confidential"]] if confidentiality.get("required") is True else [],
            rows=w.rows(
                [(t["field.confidentiality.reason"], _text(confidentiality.get("reason")))]
            ),
        ),
        section("use_limits", paragraphs=_paragraphs(use_limits.get("text"))),
        section(
            "undertakings",
            paragraphs=[
                t[f"text.undertaking.{key}"]
                for key in UNDERTAKINGS
                if undertakings.get(key) is True
            ],
        ),
        section(
            "contact",
            rows=w.rows(
                [
                    (t["field.contact.name"], _text(contact.get("name"))),
                    (t["field.contact.phone"], _text(contact.get("phone"))),
                    (t["field.contact.email"], _text(contact.get("email"))),
                ]
            ),
        ),
        section("annexes", items=_annexes(body, w)),
    ]
    return _for_kind([s for s in sections if not s.is_empty()], _text(body.get("kind")), t)


# Sections whose heading names what they hold for a kind ("Person sought", not "Persons").
_KIND_HEADINGS = {
    ("extradition", "persons"): "heading.person_sought",
    ("provisional_arrest", "persons"): "heading.person_sought",
    ("transfer_sentenced", "persons"): "heading.sentenced_person",
    ("transfer_sentenced", "warrant"): "heading.judgment",
    ("preservation", "assistance"): "heading.data_to_preserve",
}


def _for_kind(sections: list[Section], kind: str, t: Mapping[str, str]) -> list[Section]:
    """The sections in the order a recipient of this kind of request expects (flows.py)."""
    by_key = {s.key: s for s in sections}
    ordered = []
    for key in section_order(kind):
        if key in by_key:
            heading = _KIND_HEADINGS.get((kind, key))
            ordered.append(replace(by_key[key], heading=t[heading]) if heading else by_key[key])
    return ordered


def _yes(value: Any, t: Mapping[str, str]) -> str:
    """A ticked box as the word "yes"; an unticked one is left out, never shown as "no"."""
    return t["word.yes"] if value is True else ""


def _paragraphs(value: Any) -> list[str]:
    """Free text as written: split on blank lines only; single line breaks stay in the text."""
    text = _text(value).replace("\r\n", "\n")
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()] if text else []


def _annexes(body: Mapping, w: _Writer) -> list[str]:
    found = []
    for annex in _items(body, "annexes"):
        number = w.t["word.annex_n"].format(n=len(found) + 1)
        title = _text(annex.get("title"))
        description = _text(annex.get("description"))
        pages = annex.get("pages")
        if not (title or description):
            continue
        text = " — ".join(p for p in (title, description) if p)
        if isinstance(pages, int) and pages > 0:
            text += " " + w.t["word.pages_count"].format(n=pages)
        found.append(f"{number}: {text}")
    return found


# --- The two documents --------------------------------------------------------------------------


def _start(body, language, names, today, requesting_authority, requested_authority):
    """What both documents begin with: the language, the normalised body, the label writer,
    the date, and the names of the requesting and the requested authority."""
    lang = normalize_language(language)
    body = normalize_body(body)
    requesting = _authority_name(requesting_authority, lang) or _named(
        body.get("requesting_authority", "")
    )
    requested = _authority_name(requested_authority, lang) or _named(
        body.get("requested_authority", "")
    )
    writer = _Writer(lang, names or Names())
    return lang, body, writer, today or datetime.date.today(), requesting, requested


def build_document(
    body: Mapping[str, Any],
    language: str,
    *,
    requesting_authority=None,
    requested_authority=None,
    names: Names | None = None,
    today: datetime.date | None = None,
    final: bool = False,
    house: House | None = None,
) -> Document:
    """The request in one language. A request that is not `final` is marked as a draft on
    every page."""
    lang, body, w, today, requesting_name, requested_name = _start(
        body, language, names, today, requesting_authority, requested_authority
    )
    t = w.t
    kind = _text(body.get("kind"))
    confidential = _part(body, "confidentiality").get("required") is True
    urgent = _part(body, "urgency").get("urgent") is True

    cited = _cited(body, w)
    opening = t["text.opening_bases" if cited else "text.opening"].format(
        authority=_authority_phrase(requesting_name, w),
        state=_state_phrase(body, w),
        object=t.get(f"text.object.{kind}", t["text.object.mla"]),
        bases=cited,
    )
    date = w.date(today.isoformat())
    place = _place(requesting_authority, w)
    return Document(
        page=_page(lang, confidential, urgent, draft=not final),
        title=t.get(f"title.{kind}", t["title.mla"]),
        letterhead=_letterhead(
            requesting_authority, w, requesting_name, body.get("requesting_state"), house
        ),
        place_date=t["word.place_date"].format(place=place, date=date) if place else date,
        addressee=_addressee(body, requested_authority, requested_name, w),
        addressee_label=t["word.to"],
        references=[r for r in _references(body, w, today) if r.label != t["word.date"]],
        salutation=t["text.salutation"],
        opening=opening,
        sections=_sections(body, w, requesting_name, requested_name),
        closing=t["text.closing"].format(
            authority=_authority_phrase(requesting_name, w), state=_state_phrase(body, w)
        ),
        signature=_signature(requesting_name, w, house),
        confidential=confidential,
        urgent=urgent,
        draft=not final,
    )


def build_cover_letter(
    body: Mapping[str, Any],
    language: str,
    *,
    requesting_authority=None,
    requested_authority=None,
    names: Names | None = None,
    today: datetime.date | None = None,
    final: bool = False,
    house: House | None = None,
) -> CoverLetter:
    """The letter that transmits the request to the requested State's central authority."""
    lang, body, w, today, requesting_name, addressee_name = _start(
        body, language, names, today, requesting_authority, requested_authority
    )
    t = w.t
    kind = _text(body.get("kind"))
    title = t.get(f"title.{kind}", t["title.mla"])
    confidential = _part(body, "confidentiality").get("required") is True
    urgent = _part(body, "urgency").get("urgent") is True
    return CoverLetter(
        page=_page(lang, confidential, urgent, draft=not final),
        heading=t["heading.cover_letter"],
        letterhead=_letterhead(
            requesting_authority, w, requesting_name, body.get("requesting_state"), house
        ),
        addressee=_addressee(body, requested_authority, addressee_name, w),
        addressee_label=t["word.to"],
        references=_references(body, w, today),
        subject=Row(t["word.subject"], title),
        salutation=t["text.salutation"],
        paragraphs=[
            t["text.cover"].format(
                authority=_authority_phrase(requesting_name, w), state=_state_phrase(body, w)
            )
        ],
        closing=t["text.closing"].format(
            authority=_authority_phrase(requesting_name, w), state=_state_phrase(body, w)
        ),
        enclosure=Row(t["word.enclosure"], title),
        annexes=_annexes(body, w),
        signature=_signature(requesting_name, w, house),
    )


def build_letter(
    w: _Writer,
    *,
    requesting_authority,
    requested_authority=None,
    requested_name: str = "",
    requested_state: str = "",
    references: list[Row],
    subject: str,
    paragraphs: list[str],
    title: str,
    today: datetime.date | None = None,
    house: House | None = None,
) -> Letter:
    """A letter of the requesting authority about one of its requests, in the language of `w`
    (see writer()), with the letterhead, date line, addressee block, formulae and signature of
    the request document."""
    t = w.t
    today = today or datetime.date.today()
    body = {"requested_state": requested_state}
    name = _authority_name(requesting_authority, w.lang)
    requested = _authority_name(requested_authority, w.lang) or _text(requested_name)
    date = w.date(today.isoformat())
    place = _place(requesting_authority, w)
    return Letter(
        page=_page(w.lang, confidential=False, urgent=False),
        title=title,
        letterhead=_letterhead(
            requesting_authority, w, name, getattr(requesting_authority, "country_id", ""), house
        ),
        place_date=t["word.place_date"].format(place=place, date=date) if place else date,
        addressee=_addressee(body, requested_authority, requested, w),
        addressee_label=t["word.to"],
        references=[r for r in references if r.label and r.value],
        subject=Row(t["word.subject"], subject),
        salutation=t["text.salutation"],
        paragraphs=[p for p in paragraphs if p],
        closing=t["text.closing"].format(
            authority=authority_phrase(name, w), state=state_phrase(requested_state, w)
        ),
        signature=_signature(name, w, house),
    )


def authority_phrase(name: str, w: _Writer) -> str:
    """ "The requesting authority (name)", as the formulae name the sender."""
    return _authority_phrase(name, w)


def state_phrase(code: str, w: _Writer) -> str:
    """ "the requested State (name)", as the formulae name the addressee's State."""
    return _state_phrase({"requested_state": code}, w)


# --- Right-to-left documents --------------------------------------------------------------------

_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LRE, PDF = "\u202a", "\u202c"  # LEFT-TO-RIGHT EMBEDDING ... POP DIRECTIONAL FORMATTING
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_KEEP = frozenset({"language", "direction", "page_template", "key", "logo"})


def has_rtl(text: str) -> bool:
    return bool(_RTL_CHARS.search(text))


def embed_ltr(text: str) -> str:
    """Each line without right-to-left letters, wrapped in LRE…PDF.

    In a right-to-left paragraph the bidi algorithm reorders neutral characters between numbers,
    so "+380 44 200 75 00" would read "00 75 200 44 380+" and "15 Main Street" would read
    "Main Street 15". Embedding keeps such a line left-to-right, in Word, LibreOffice and
    WeasyPrint alike. A line break ends an embedding, hence one per line.
    """
    return "\n".join(
        f"{LRE}{line}{PDF}" if line.strip() and not has_rtl(line) else line
        for line in text.split("\n")
    )


def for_rtl(obj, wrap=embed_ltr):
    """A copy of a Document, CoverLetter or Letter whose texts went through `wrap` (rtl pages only).

    `wrap` defaults to embed_ltr (Unicode embedding, right for Word). The PDF renderer passes
    its own, because WeasyPrint lays out each wrapped line afresh and loses an embedding that
    started on the line before; it marks left-to-right lines up as <span dir="ltr"> instead.
    """
    if isinstance(obj, (Document, CoverLetter, Letter)) and obj.page.direction != "rtl":
        return obj
    if isinstance(obj, str):
        return wrap(obj)
    if isinstance(obj, list):
        return [for_rtl(item, wrap) for item in obj]
    if hasattr(obj, "__dataclass_fields__"):
        changes = {
            name: for_rtl(getattr(obj, name), wrap)
            for name in obj.__dataclass_fields__
            if name not in _KEEP and not isinstance(getattr(obj, name), (bool, Page))
        }
        return replace(obj, **changes)
    return obj


def plain(text: str) -> str:
    """Text without bidi controls (what a reader sees; used by tests)."""
    return BIDI_CONTROLS.sub("", text)
