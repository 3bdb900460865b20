"""Writing documents of the library: every write checks the input, keeps the audit trail, and
tells the search engines (library.indexing) in the same transaction."""

import secrets
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError

from comity.audit.models import Action
from comity.audit.services import record
from comity.core.errors import field_error, field_errors
from comity.geo.models import Country
from comity.library import files, indexing
from comity.library.models import Article, Document
from comity.library.schema import ONLY, DocumentIn
from comity.library.vocabulary import Access, DocumentType

# Model fields a DocumentIn detail is written to when their names differ.
RENAMED = {"kind": "publication_kind", "access": "visibility", "country": "country_id"}
PLAIN = (
    "type",
    "title",
    "language",
    "date",
    "year",
    "source_name",
    "summary",
    "text",
    "citation",
    "eli",
    "court",
    "case_number",
    "ecli",
    "parties",
    "outcome",
    "publisher",
    "topics",
    "crime_types",
    "cross_cutting",
    "cooperation",
    "instruments",
    "example",
)


class LibraryInputError(Exception):
    """What is wrong with a document as given: [{"field", "message"}]."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def parse(data: dict) -> DocumentIn:
    """`data` checked: its shape, the details of its type, and its State."""
    try:
        document = DocumentIn.model_validate(data)
    except ValidationError as exc:
        raise LibraryInputError(field_errors(exc.errors())) from exc
    errors = []
    for kind, names in ONLY.items():
        if kind == document.type:
            continue
        for name in names:
            if getattr(document, name) not in ("", None, []):
                errors.append(
                    field_error(
                        name,
                        _("Only %(type)s has this detail. Remove it or change the type.")
                        % {"type": DocumentType(kind).label},
                    )
                )
    numbers = [article.number for article in document.articles]
    if len(set(numbers)) != len(numbers):
        errors.append(field_error("articles", _("Two articles have the same number.")))
    if document.country and not Country.objects.filter(iso3=document.country).exists():
        errors.append(
            field_error("country", _("Name a State by its ISO 3166-1 alpha-3 code, e.g. UKR."))
        )
    if document.date and document.year is None:
        document.year = document.date.year
    if document.date and document.year != document.date.year:
        errors.append(field_error("year", _("The year differs from the date's year.")))
    if errors:
        raise LibraryInputError(errors)
    return document


def fields_of(parsed: DocumentIn) -> dict:
    """The model fields `parsed` sets."""
    out = {name: getattr(parsed, name) for name in PLAIN}
    out["source_url"] = parsed.source_url or ""
    out["in_force"] = parsed.in_force or ""
    out["publication_kind"] = parsed.kind or ""
    out["visibility"] = parsed.access
    out["country_id"] = parsed.country
    return out


def snapshot(document: Document) -> dict:
    values = {name: getattr(document, name) for name in (*PLAIN, "source_url", "in_force")}
    values.update(
        publication_kind=document.publication_kind,
        visibility=document.visibility,
        country=document.country_id,
        file_name=document.file_name,
        articles=[
            {"number": a.number, "heading": a.heading, "implements": a.implements}
            for a in document.articles.all()
        ],
    )
    values.pop("text")
    return values


def authority_of(actor):
    """The authority a user works for; None for the command line and site admins without one."""
    return actor.authority if getattr(actor, "authority_id", None) else None


def _owner_for(actor, parsed: DocumentIn):
    authority = authority_of(actor)
    if parsed.access == Access.AUTHORITY and authority is None:
        raise LibraryInputError(
            [
                field_error(
                    "access",
                    _("Only a user who works for an authority can keep a document to it."),
                )
            ]
        )
    return authority


def create(*, actor, data: dict, upload: tuple[bytes, str] | None = None) -> Document:
    """A new document from `data` (DocumentIn), with its file when `upload` = (bytes, name)."""
    parsed = parse(data)
    document = Document(
        key=parsed.key or new_key(parsed),
        owner=_owner_for(actor, parsed),
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields_of(parsed),
    )
    with _kept(document, upload):
        if Document.objects.filter(key=document.key).exists():
            raise _key_taken()
        try:
            with transaction.atomic():
                document.save(force_insert=True)
        except IntegrityError as exc:
            raise _key_taken() from exc
        _write_articles(document, parsed)
        record(actor=actor, action=Action.CREATE, obj=document, after=snapshot(document))
        indexing.changed([document.pk])
    return document


def update(*, actor, document: Document, data: dict, upload=None, version=None) -> Document:
    """`document` rewritten from `data` (all its details, as create takes them). `version`, when
    given, must still be the document's: otherwise StaleDocument, and nothing is written."""
    parsed = parse({**data, "key": data.get("key") or document.key})
    with _kept(document, upload) as replaced:
        document = Document.objects.select_for_update().get(pk=document.pk)
        if version is not None and version != document.version:
            raise StaleDocument(document)
        before = snapshot(document)
        if parsed.key != document.key and Document.objects.filter(key=parsed.key).exists():
            raise _key_taken()
        for name, value in fields_of(parsed).items():
            setattr(document, name, value)
        document.key = parsed.key
        if parsed.access == Access.AUTHORITY and document.owner_id is None:
            document.owner = _owner_for(actor, parsed)
        old_file = document.file
        _take_file(document, replaced)
        document.version += 1
        document.save()
        _write_articles(document, parsed)
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=document,
            before=before,
            after=snapshot(document),
        )
        indexing.changed([document.pk])
        if replaced and old_file:
            transaction.on_commit(lambda: files.remove(old_file))
    return document


class StaleDocument(Exception):
    """Someone else saved the document since it was read."""

    def __init__(self, document):
        super().__init__("stale")
        self.document = document


@transaction.atomic
def delete(*, actor, document: Document) -> None:
    before = snapshot(document)
    pk, key = document.pk, document.file
    record(actor=actor, action=Action.DELETE, obj=document, before=before)
    document.delete()
    indexing.changed([pk])
    if key:
        transaction.on_commit(lambda: files.remove(key))


def _key_taken() -> LibraryInputError:
    return LibraryInputError(
        [field_error("key", _("Another document has this key. Choose another."))]
    )


class _Stored:
    def __init__(self, read: files.ReadFile, key: str, name: str, size: int):
        self.read, self.key, self.name, self.size = read, key, name, size


@contextmanager
def _kept(document: Document, upload):
    """A transaction around a write, with the uploaded file (read and stored first) removed
    again if the write fails: nothing is left behind by a save that did not happen."""
    stored = None
    if upload:
        data, name = upload
        try:
            read = files.read(data)
        except files.FileProblem as exc:
            raise LibraryInputError([field_error("file", str(exc))]) from exc
        stored = _Stored(read, files.store(data, name), name[-200:], len(data))
        if document.pk is None:
            _take_file(document, stored)
    try:
        with transaction.atomic():
            yield stored
    except BaseException:
        if stored:
            files.remove(stored.key)
        raise


def _take_file(document: Document, stored: "_Stored | None") -> None:
    """The stored file becomes the document's; its text too unless a text was typed."""
    if stored is None:
        return
    document.file = stored.key
    document.file_name = stored.name
    document.file_type = files.TYPES[stored.read.kind]
    document.file_size = stored.size
    if stored.read.text and not document.text:
        document.text = stored.read.text


def _write_articles(document: Document, parsed: DocumentIn) -> None:
    document.articles.all().delete()
    Article.objects.bulk_create(article_rows(document, parsed))


def article_rows(document: Document, parsed: DocumentIn) -> list[Article]:
    """The articles of `parsed`, in order, as rows of `document` (not yet saved)."""
    return [
        Article(
            document=document,
            position=i,
            number=a.number,
            heading=a.heading,
            text=a.text,
            implements=a.implements,
        )
        for i, a in enumerate(parsed.articles)
    ]


def new_key(parsed: DocumentIn) -> str:
    state = (parsed.country or "int").lower()
    return f"{state}-{parsed.type}-{secrets.token_hex(5)}"
