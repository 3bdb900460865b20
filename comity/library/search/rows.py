"""A document as both engines index it: its terms per field, its facet values, who may read it."""

import datetime
from dataclasses import dataclass

from comity.library import analysis

# A phrase never runs from one field into the next (the PostgreSQL engine keeps one position
# sequence for all fields).
FIELD_GAP = 100
FIELDS = ("title", "summary", "body")
# Text that bears on a field (the others are in `body`).
SUMMARY_PARTS = ("summary", "citation", "ecli", "case_number", "court", "parties", "publisher")


@dataclass
class IndexedDocument:
    id: int
    title: list[str]
    summary: list[str]
    body: list[str]
    facets: dict[str, list[str]]  # vocabulary.FACETS -> values
    access_key: str
    year: int | None
    day: int  # the document's date (or year) as a day number, for ordering (0 when undated)

    def facet_keys(self) -> list[str]:
        """ "facet:value" strings, as the PostgreSQL engine stores them."""
        return [f"{name}:{value}" for name, values in self.facets.items() for value in values]


def indexed(document) -> IndexedDocument:
    """`document` (with its articles prefetched) ready for an engine."""
    language = document.language
    summary = " ".join(str(getattr(document, part) or "") for part in SUMMARY_PARTS)
    articles = [
        f"{article.number} {article.heading} {article.text}" for article in document.articles.all()
    ]
    body = "\n".join([document.text or "", document.outcome or "", *articles, *document.topics])
    return IndexedDocument(
        id=document.pk,
        title=analysis.terms(document.title, language),
        summary=analysis.terms(summary, language),
        body=analysis.terms(body, language),
        facets=facet_values(document),
        access_key=document.access_key,
        year=document.year,
        day=day_number(document.date, document.year),
    )


def facet_values(document) -> dict[str, list[str]]:
    instruments = list(document.instruments)
    for article in document.articles.all():
        for provision in article.implements:
            code = provision.split(" ")[0]
            if code not in instruments:
                instruments.append(code)
    return {
        "type": [document.type],
        "country": [document.country_id] if document.country_id else [],
        "crime": list(document.crime_types),
        "cooperation": list(document.cooperation),
        "instrument": instruments,
        "year": [str(document.year)] if document.year else [],
        "language": [analysis.base_language(document.language)],
    }


def day_number(day: datetime.date | None, year: int | None = None) -> int:
    """The day a document is ordered by: its date, else the first day of its year, else 0."""
    if day:
        return day.toordinal()
    return datetime.date(year, 1, 1).toordinal() if year else 0
