"""Moving documents in and out in bulk: JSON lines, one document (schema.DocumentIn) per line.

An import is all or nothing. Every line is checked first; one problem anywhere, and nothing is
written: the answer lists each problem by row (line number) and field. A line whose key is
already in the library replaces that document, which the importer must be allowed to change. The
import is one entry in the audit trail (the keys it created and replaced). An export writes what
its reader may see, in the same shape, so that it imports again unchanged.
"""

import json

from django.db import transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.core.access import Permission, is_site_admin, may_write
from comity.library import indexing, services
from comity.library.models import Article, Document
from comity.library.vocabulary import Access

BATCH = 1_000
MAX_ERRORS = 100


class LibraryImportError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def may_import(actor) -> bool:
    """The command line (no actor), site admins and every writer of an authority."""
    return actor is None or is_site_admin(actor) or may_write(actor)


def read_lines(lines) -> list[dict]:
    """JSON objects from text lines (blank lines skipped), or LibraryImportError by row."""
    out, errors = [], []
    for row, line in enumerate(lines, start=1):
        if not line.strip():
            out.append(None)
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            errors.append(_problem(row, "", _("Not valid JSON: %(error)s") % {"error": exc}))
            continue
        if not isinstance(value, dict):
            errors.append(_problem(row, "", _("Each line must be one JSON object.")))
            continue
        out.append(value)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise LibraryImportError(errors)
    return out


def import_documents(*, actor, rows: list[dict | None]) -> dict:
    """Write every document of `rows` (None for a blank line), or none of them."""
    if not may_import(actor):
        raise LibraryImportError([_problem(0, "", _("You may not add documents to the library."))])
    parsed, errors, seen = [], [], {}
    for row, data in enumerate(rows, start=1):
        if data is None:
            continue
        try:
            document = services.parse(data)
        except services.LibraryInputError as exc:
            errors += [_problem(row, e["field"], e["message"]) for e in exc.errors]
        else:
            if document.key and document.key in seen:
                errors.append(
                    _problem(
                        row,
                        "key",
                        _("Line %(row)d has the same key.") % {"row": seen[document.key]},
                    )
                )
            if document.key:
                seen[document.key] = row
            if document.access == Access.AUTHORITY and not getattr(actor, "authority_id", None):
                errors.append(
                    _problem(row, "access", _("Only a user of an authority can keep it private."))
                )
            parsed.append((row, document))
        if len(errors) >= MAX_ERRORS:
            break
    existing = _existing(actor, [d.key for _, d in parsed if d.key], parsed, errors)
    if errors:
        raise LibraryImportError(errors)
    with transaction.atomic():
        created, replaced = _write(actor, parsed, existing)
        record(
            actor=actor,
            action=Action.IMPORT,
            object_type="library.document",
            owner=services.authority_of(actor),
            after={"created": created, "replaced": replaced},
        )
    return {"created": len(created), "replaced": len(replaced)}


def _existing(actor, keys, parsed, errors) -> dict[str, Document]:
    found = {d.key: d for d in Document.objects.filter(key__in=keys)}
    if actor is None:
        return found
    writable = set(
        Document.objects.restrict(actor, Permission.CHANGE)
        .filter(key__in=list(found))
        .values_list("key", flat=True)
    )
    for row, document in parsed:
        if document.key in found and document.key not in writable:
            errors.append(
                _problem(
                    row, "key", _("A document with this key exists and you may not change it.")
                )
            )
    return found


def _write(actor, parsed, existing) -> tuple[list[str], list[str]]:
    owner = services.authority_of(actor)
    created, replaced, changed_ids = [], [], []
    fresh = []
    for _row, data in parsed:
        current = existing.get(data.key)
        if current is None:
            document = Document(
                key=data.key or services.new_key(data),
                owner=owner,
                created_by=actor if getattr(actor, "pk", None) else None,
                **services.fields_of(data),
            )
            fresh.append((document, data))
            created.append(document.key)
            continue
        for name, value in services.fields_of(data).items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        current.articles.all().delete()
        _articles([(current, data)])
        replaced.append(current.key)
        changed_ids.append(current.pk)
    for start in range(0, len(fresh), BATCH):
        chunk = fresh[start : start + BATCH]
        Document.objects.bulk_create([document for document, _ in chunk])
        _articles(chunk)
        changed_ids += [document.pk for document, _ in chunk]
    indexing.changed(changed_ids)
    return created, replaced


def _articles(pairs) -> None:
    Article.objects.bulk_create(
        row for document, data in pairs for row in services.article_rows(document, data)
    )


def _problem(row: int, field: str, message: str) -> dict:
    return {"row": row, "field": field, "message": message}


# --- export -------------------------------------------------------------------------------
def exported(document: Document) -> dict:
    """`document` as a line of an import (DocumentIn), without empty details."""
    data = {
        "key": document.key,
        "type": document.type,
        "title": document.title,
        "country": document.country_id,
        "language": document.language,
        "date": document.date.isoformat() if document.date else None,
        "year": document.year,
        "source_url": document.source_url or None,
        "source_name": document.source_name,
        "summary": document.summary,
        "text": document.text,
        "citation": document.citation,
        "eli": document.eli,
        "in_force": document.in_force or None,
        "court": document.court,
        "case_number": document.case_number,
        "ecli": document.ecli,
        "parties": document.parties,
        "outcome": document.outcome,
        "kind": document.publication_kind or None,
        "publisher": document.publisher,
        "topics": document.topics,
        "crime_types": document.crime_types,
        "cross_cutting": document.cross_cutting,
        "cooperation": document.cooperation,
        "instruments": document.instruments,
        "access": document.visibility,
        "example": document.example,
        "articles": [
            {
                "number": a.number,
                "heading": a.heading,
                "text": a.text,
                "implements": a.implements,
            }
            for a in document.articles.all()
        ],
    }
    return {name: value for name, value in data.items() if value not in (None, "", [])}


def export_lines(user, *, batch: int = BATCH):
    """Every document `user` may read, one JSON line each, in key order."""
    documents = Document.objects.restrict(user).order_by("key").prefetch_related("articles")
    last = ""
    while True:
        chunk = list(documents.filter(key__gt=last)[:batch])
        if not chunk:
            return
        last = chunk[-1].key
        for document in chunk:
            yield json.dumps(exported(document), ensure_ascii=False) + "\n"
