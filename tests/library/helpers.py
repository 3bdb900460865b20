"""Documents for the library's tests, added the way a user adds them, and searched the way the
page searches (the engine configured for the database the tests run on)."""

from django.contrib.auth.models import AnonymousUser

from comity.library import selectors, services
from comity.library.search import Filters

# A small fixed corpus: what each document is built to test is in its key.
CORPUS = [
    {
        "key": "title-hit",
        "type": "legislation",
        "title": "Money laundering and bank records act",
        "country": "GBR",
        "language": "en",
        "date": "2019-05-01",
        "summary": "An act of parliament.",
        "text": "Part one. General provisions on the powers of courts.",
        "crime_types": ["money_laundering"],
        "instruments": ["UNTOC"],
    },
    {
        "key": "summary-hit",
        "type": "case",
        "title": "Judgment of the appeal court",
        "country": "GBR",
        "language": "en",
        "date": "2021-03-02",
        "court": "Court of Appeal",
        "summary": "The case concerned money laundering through bank records held abroad.",
        "text": "The appeal was dismissed.",
        "crime_types": ["money_laundering", "corruption"],
        "cooperation": ["mla"],
    },
    {
        "key": "body-hit",
        "type": "publication",
        "title": "Annual report of the central authority",
        "language": "en",
        "year": 2022,
        "kind": "guide",
        "summary": "Statistics of requests sent and received.",
        "text": " ".join(
            ["The central authority received many requests about fraud and theft."] * 8
            + ["One request asked for bank records in a money laundering investigation."]
        ),
        "cooperation": ["mla"],
    },
    {
        "key": "french",
        "type": "case",
        "title": "Blanchiment d'argent et secret bancaire",
        "country": "FRA",
        "language": "fr",
        "date": "2018-10-10",
        "court": "Cour de cassation",
        "summary": "La demande d'entraide judiciaire visait des relevés bancaires d'une société.",
        "crime_types": ["money_laundering"],
        "cooperation": ["mla"],
    },
    {
        "key": "russian",
        "type": "case",
        "title": "Отмывание денежных средств через банк",
        "country": "RUS",
        "language": "ru",
        "date": "2020-01-15",
        "summary": "Запрос о правовой помощи касался банковских документов компании.",
        "crime_types": ["money_laundering"],
        "cooperation": ["mla"],
    },
    {
        "key": "spanish",
        "type": "legislation",
        "title": "Ley de extradición y doble incriminación",
        "country": "MEX",
        "language": "es",
        "date": "1975-12-29",
        "summary": "Regula la extradición internacional.",
        "cooperation": ["extradition"],
    },
    {
        "key": "chinese",
        "type": "legislation",
        "title": "国际刑事司法协助法",
        "country": "CHN",
        "language": "zh",
        "date": "2018-10-26",
        "summary": "规定洗钱犯罪的调查取证和司法协助。",
        "cooperation": ["mla"],
    },
    {
        "key": "ukrainian",
        "type": "legislation",
        "title": "Кримінальний процесуальний кодекс України",
        "country": "UKR",
        "language": "uk",
        "date": "2012-04-13",
        "summary": "Міжнародна правова допомога під час кримінального провадження.",
        "cooperation": ["mla", "extradition"],
    },
    {
        "key": "arabic",
        "type": "legislation",
        "title": "قانون التعاون القضائي الدولي في المسائل الجنائية",
        "country": "ARE",
        "language": "ar",
        "date": "2006-10-01",
        "summary": "ينظم تسليم المجرمين وغسل الأموال والمساعدة القانونية.",
        "cooperation": ["mla", "extradition"],
    },
]

STATES = ("GBR", "FRA", "RUS", "MEX", "CHN", "UKR", "ARE", "DEU")


def states():
    from comity.geo.models import Country
    from comity.geo.services import load_countries

    if Country.objects.filter(iso3__in=STATES).count() != len(STATES):
        load_countries()


def add(data: dict, *, actor=None, capture=None, upload=None):
    """Add a document and let the index take it, as after a real commit."""
    if capture is None:
        return services.create(actor=actor, data=data, upload=upload)
    with capture(execute=True):
        return services.create(actor=actor, data=data, upload=upload)


def corpus(capture, actor=None):
    states()
    return {data["key"]: add(data, actor=actor, capture=capture) for data in CORPUS}


def found(q="", *, user=None, filters=None, **params):
    page = selectors.search(
        user or AnonymousUser(),
        selectors.Params(q=q, filters=Filters(filters or {}), **params),
    )
    return page


def keys(q="", **kwargs) -> list[str]:
    return [r.document.key for r in found(q, **kwargs).results]
