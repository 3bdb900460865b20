"""The library's forms: the search (with its facet filters) and a document."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from comity.core.forms import CheckedForm, LongSelect
from comity.geo.selectors import country_choices
from comity.library import search as engines
from comity.library.schema import MAX_TEXT
from comity.library.selectors import MAX_OFFSET, Params
from comity.library.vocabulary import (
    FACETS,
    Access,
    CooperationForm,
    CrimeType,
    CrossCutting,
    DocumentType,
    InForce,
    PublicationKind,
)

PER_PAGE = 20
# What a facet value may look like in an address (anything else is dropped).
VALUE_PATTERNS = {
    "type": "|".join(DocumentType.values),
    "country": r"[A-Z]{3}",
    "crime": "|".join(CrimeType.values),
    "cooperation": "|".join(CooperationForm.values),
    "instrument": r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}",
    "year": r"\d{4}",
    "language": r"[a-z]{2,3}",
}
SORTS = (
    (engines.Sort.RELEVANCE, _("Relevance")),
    (engines.Sort.NEWEST, _("Newest first")),
    (engines.Sort.OLDEST, _("Oldest first")),
)


class SearchForm(CheckedForm):
    q = forms.CharField(
        label=_("Search the library"),
        required=False,
        max_length=500,
        help_text=_('Words (all must appear), "an exact phrase", a prefix*, -an excluded word.'),
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORTS, required=False)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1800, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1800, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_OFFSET // PER_PAGE)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.values = {}
        for name in FACETS:
            pattern = re.compile(VALUE_PATTERNS[name])
            raw = data.getlist(name) if data is not None else []
            self.values[name] = tuple(dict.fromkeys(v for v in raw if pattern.fullmatch(v)))[:20]

    def params(self) -> Params:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        page = data.get("page") or 1
        return Params(
            q=data.get("q", ""),
            filters=engines.Filters(
                {k: v for k, v in self.values.items() if v},
                year_from=data.get("year_from"),
                year_to=data.get("year_to"),
            ),
            sort=data.get("sort") or engines.Sort.RELEVANCE,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
        )


def _choices(vocabulary, blank=True):
    out = list(vocabulary.choices)
    return [("", "—"), *out] if blank else out


class DocumentForm(CheckedForm):
    """Every detail of a document; the page shows those of the chosen type."""

    type = forms.ChoiceField(label=_("Type of document"), choices=DocumentType.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    country = forms.ChoiceField(label=_("State"), required=False, widget=LongSelect)
    language = forms.ChoiceField(label=_("Language of the text"))
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1800, max_value=2100)
    source_url = forms.URLField(
        label=_("Source (official page)"), required=False, max_length=1000, assume_scheme="https"
    )
    source_name = forms.CharField(
        label=_("Publisher of the source"), required=False, max_length=300
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    text = forms.CharField(
        label=_("Full text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_TEXT,
        help_text=_("Leave empty to use the text of the uploaded file."),
    )
    file = forms.FileField(
        label=_("File (PDF, DOCX, HTML or text)"),
        required=False,
        help_text=_("The original is kept; its text is read for search."),
    )
    citation = forms.CharField(label=_("Citation"), required=False, max_length=300)
    eli = forms.CharField(label=_("ELI"), required=False, max_length=500)
    in_force = forms.ChoiceField(label=_("In force"), required=False, choices=_choices(InForce))
    articles = forms.CharField(
        label=_("Articles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One article per line: number | heading | provisions it implements, e.g. "
            '"7 | Central authority | UNTOC 18, UNCAC 46".'
        ),
    )
    court = forms.CharField(label=_("Court"), required=False, max_length=300)
    case_number = forms.CharField(label=_("Case number"), required=False, max_length=200)
    ecli = forms.CharField(label=_("ECLI"), required=False, max_length=100)
    parties = forms.CharField(
        label=_("Parties"),
        required=False,
        max_length=500,
        help_text=_("As the source gives them (anonymised where the source anonymises)."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
    )
    kind = forms.ChoiceField(
        label=_("Kind of publication"), required=False, choices=_choices(PublicationKind)
    )
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    topics = forms.CharField(
        label=_("Topics"), required=False, max_length=1000, help_text=_("Separated by commas.")
    )
    crime_types = forms.MultipleChoiceField(
        label=_("Crime types"),
        required=False,
        choices=CrimeType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cross_cutting = forms.MultipleChoiceField(
        label=_("Cross-cutting issues"),
        required=False,
        choices=CrossCutting.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cooperation = forms.MultipleChoiceField(
        label=_("Forms of cooperation"),
        required=False,
        choices=CooperationForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    instruments = forms.CharField(
        label=_("Instruments relied on"),
        required=False,
        max_length=500,
        help_text=_("Instrument codes separated by commas, e.g. UNTOC, UNCAC, ETS-185."),
    )
    access = forms.ChoiceField(
        label=_("Who may read it"), choices=Access.choices, initial=Access.PUBLIC
    )
    example = forms.BooleanField(label=_("Example data (not a real document)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The fields of each type, in the order the page shows them.
    TYPE_FIELDS = {
        "legislation": ("citation", "eli", "in_force", "articles"),
        "case": ("court", "case_number", "ecli", "parties", "outcome"),
        "publication": ("kind", "publisher"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("— international —")), *country_choices()]
        self.fields["language"].choices = language_choices()

    def data_for_service(self) -> dict:
        """The cleaned form as DocumentIn takes it (details of other types left out)."""
        data = dict(self.cleaned_data)
        kind = data["type"]
        out = {
            "type": kind,
            "title": data["title"],
            "country": data.get("country") or None,
            "language": (data.get("language") or "").strip().lower(),
            "date": data["date"].isoformat() if data.get("date") else None,
            "year": data.get("year"),
            "source_url": data.get("source_url") or None,
            "source_name": data.get("source_name", ""),
            "summary": data.get("summary", ""),
            "text": data.get("text", ""),
            "topics": _split(data.get("topics", "")),
            "crime_types": data.get("crime_types", []),
            "cross_cutting": data.get("cross_cutting", []),
            "cooperation": data.get("cooperation", []),
            "instruments": _split(data.get("instruments", "")),
            "access": data["access"],
            "example": data.get("example", False),
        }
        for name in self.TYPE_FIELDS[kind]:
            value = data.get(name)
            if name == "articles":
                out["articles"] = parse_articles(value or "")
            elif value:
                out[name] = value
        return out


# The languages a document may be in: the seven of the interface first, then others common in
# the legislation of States party to UNTOC.
DOCUMENT_LANGUAGES = (
    "en",
    "fr",
    "es",
    "ru",
    "ar",
    "zh",
    "uk",
    "de",
    "pt",
    "it",
    "nl",
    "pl",
    "ro",
    "tr",
    "fa",
    "id",
    "ja",
    "ko",
    "hi",
    "sw",
    "vi",
)


def language_choices() -> list[tuple[str, str]]:
    from comity.library.selectors import language_label

    return [(code, f"{language_label(code)} ({code})") for code in DOCUMENT_LANGUAGES]


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def parse_articles(text: str) -> list[dict]:
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        number, _sep, rest = line.partition("|")
        heading, _sep, provisions = rest.partition("|")
        out.append(
            {
                "number": number.strip(),
                "heading": heading.strip(),
                "implements": _split(provisions),
            }
        )
    return out


def articles_text(document) -> str:
    return "\n".join(
        " | ".join([a.number, a.heading, ", ".join(a.implements)]).rstrip(" |")
        for a in document.articles.all()
    )


def initial_for(document) -> dict:
    """The form's values for an existing document."""
    return {
        "type": document.type,
        "title": document.title,
        "country": document.country_id or "",
        "language": document.language,
        "date": document.date,
        "year": document.year,
        "source_url": document.source_url,
        "source_name": document.source_name,
        "summary": document.summary,
        "text": document.text,
        "citation": document.citation,
        "eli": document.eli,
        "in_force": document.in_force,
        "articles": articles_text(document),
        "court": document.court,
        "case_number": document.case_number,
        "ecli": document.ecli,
        "parties": document.parties,
        "outcome": document.outcome,
        "kind": document.publication_kind,
        "publisher": document.publisher,
        "topics": ", ".join(document.topics),
        "crime_types": document.crime_types,
        "cross_cutting": document.cross_cutting,
        "cooperation": document.cooperation,
        "instruments": ", ".join(document.instruments),
        "access": document.visibility,
        "example": document.example,
        "version": document.version,
    }
