"""Import and export of directory entries as CSV or JSON (the API shape). Imports are all-or-nothing."""

import csv
import io
import json
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import generations, languages
from comity.core.spreadsheet import guard, unguard
from comity.directory import services
from comity.directory.models import Authority
from comity.directory.validation import clean_authority, known_countries

LIST_COLUMNS = ("competences", "instruments", "languages", "channels", "formalities")
URGENT_COLUMNS = ("channels", "phone", "email", "notes")
PLAIN_COLUMNS = (
    "kind",
    "formalities_notes",
    "office_hours",
    "time_zone",
    "address",
    "phone",
    "fax",
    "email",
    "website",
    "requirements",
    "source",
    "source_note",
)


class ImportFormatError(Exception):
    """The file as a whole cannot be read (not CSV/JSON, missing columns...)."""


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "errors": [e.as_dict() for e in self.errors],
            "changes": self.changes,
        }


# --- Serialisation ------------------------------------------------------------------------------
def authority_as_data(authority: Authority) -> dict:
    """The API / JSON-export shape of one entry."""
    return {
        "id": str(authority.id),
        "country": authority.country_id,
        "name": authority.name,
        "names": authority.names,
        "kind": authority.kind,
        "competences": authority.competences,
        "instruments": authority.instruments,
        "languages": authority.languages,
        "channels": authority.channels,
        "urgent": authority.urgent,
        "formalities": authority.formalities,
        "formalities_notes": authority.formalities_notes,
        "office_hours": authority.office_hours,
        "time_zone": authority.time_zone,
        "address": authority.address,
        "phone": authority.phone,
        "fax": authority.fax,
        "email": authority.email,
        "website": authority.website,
        "requirements": authority.requirements,
        "source": authority.source,
        "source_note": authority.source_note,
        "verified_on": authority.verified_on.isoformat() if authority.verified_on else None,
        "is_example": authority.is_example,
    }


def _csv_columns(name_languages: list[str]) -> list[str]:
    return [
        "id",
        "country",
        "name",
        *(f"name_{lang}" for lang in name_languages),
        "kind",
        *LIST_COLUMNS,
        *(f"urgent_{c}" for c in URGENT_COLUMNS),
        *PLAIN_COLUMNS[1:],
        "verified_on",
        "is_example",
    ]


def export_json(authorities) -> str:
    items = [authority_as_data(a) for a in authorities]
    return json.dumps({"count": len(items), "items": items}, ensure_ascii=False, indent=1)


def export_csv(authorities) -> str:
    authorities = list(authorities)
    name_languages = sorted(set(languages.CODES).union(*(a.names.keys() for a in authorities)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_csv_columns(name_languages), lineterminator="\n")
    writer.writeheader()
    for authority in authorities:
        data = authority_as_data(authority)
        row = {key: data[key] for key in ("id", "country", "name", "kind", *PLAIN_COLUMNS[1:])}
        row.update({f"name_{lang}": data["names"].get(lang, "") for lang in name_languages})
        row.update({key: "; ".join(data[key]) for key in LIST_COLUMNS})
        urgent = data["urgent"]
        row["urgent_channels"] = "; ".join(urgent.get("channels", []))
        row.update({f"urgent_{k}": urgent.get(k, "") for k in ("phone", "email", "notes")})
        row["verified_on"] = data["verified_on"] or ""
        row["is_example"] = "true" if data["is_example"] else "false"
        writer.writerow({key: guard(value) for key, value in row.items()})
    return out.getvalue()


def _csv_row_as_data(row: dict) -> dict:
    row = {key: unguard(value) if isinstance(value, str) else value for key, value in row.items()}
    data = {key: (row.get(key) or "") for key in ("id", "country", "name", *PLAIN_COLUMNS)}
    data["names"] = {
        key[5:]: value
        for key, value in row.items()
        if key and key.startswith("name_") and value and value.strip()
    }
    for key in LIST_COLUMNS:
        data[key] = row.get(key) or ""
    data["urgent"] = {key: row.get(f"urgent_{key}") or "" for key in URGENT_COLUMNS}
    data["verified_on"] = row.get("verified_on") or None
    data["is_example"] = row.get("is_example") or False
    return data


def parse(content: str | bytes, *, fmt: str | None = None) -> list[tuple[int, dict]]:
    """Read CSV or JSON into (row number, API-shaped data). CSV row numbers count the header as 1."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(
                _("The file is not UTF-8 text. Save it as UTF-8 and retry.")
            ) from exc
    stripped = content.lstrip()
    fmt = fmt or ("json" if stripped[:1] in ("[", "{") else "csv")
    if fmt == "json":
        try:
            loaded = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(
                _("The JSON cannot be read: %(error)s (line %(line)d).")
                % {"error": exc.msg, "line": exc.lineno}
            ) from exc
        if isinstance(loaded, dict) and (
            set(loaded) - {"count", "items"}
            or not isinstance(loaded.get("count", 0), int)
            or isinstance(loaded.get("count"), bool)
        ):
            raise ImportFormatError(
                _("Give a JSON list of entries, or an object with an “items” list.")
            )
        items = loaded.get("items") if isinstance(loaded, dict) else loaded
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ImportFormatError(
                _("Give a JSON list of entries, or an object with an “items” list.")
            )
        return [(index, item) for index, item in enumerate(items, start=1)]
    # newline="": the csv module reads the line ends itself (a bare CR inside a field is data).
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        missing = {"country", "name", "kind", "source"} - set(reader.fieldnames or [])
        if missing:
            raise ImportFormatError(
                _("The CSV has no column(s) %(columns)s. The first line must name the columns.")
                % {"columns": ", ".join(sorted(missing))}
            )
        return [(reader.line_num, _csv_row_as_data(row)) for row in reader]
    except csv.Error as exc:
        raise ImportFormatError(
            _("The CSV cannot be read at line %(line)d: %(error)s. Save it again as CSV and retry.")
            % {"line": reader.reader.line_num, "error": exc}
        ) from exc


# --- Import -------------------------------------------------------------------------------------
def _existing(rows) -> tuple[dict, dict]:
    """The entries the rows may concern: those of the rows' States, and those the rows name by id
    (which may belong to another State)."""
    by_id, by_key = {}, {}
    countries = {str(data.get("country") or "").upper() for _, data in rows}
    ids = set()
    for _row, data in rows:
        try:
            ids.add(uuid.UUID(str(data.get("id"))))
        except ValueError:
            continue
    for authority in Authority.objects.filter(Q(country_id__in=countries) | Q(pk__in=ids)):
        by_id[str(authority.id)] = authority
        by_key[(authority.country_id, authority.name, authority.kind)] = authority
    return by_id, by_key


def _row_id(raw, row: int, errors: list[RowError]) -> str | None:
    if not raw:
        return None
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        errors.append(
            RowError(
                row,
                "id",
                _(
                    "“%(value)s” is not a valid id (a UUID). Leave it empty "
                    "to match by State, name and kind."
                )
                % {"value": raw},
            )
        )
        return None


def import_authorities(
    *,
    rows: list[tuple[int, dict]],
    actor,
    dry_run: bool = False,
    allowed_countries: frozenset[str] | None = None,
) -> ImportReport:
    """Validate every row first; write nothing unless all rows are good (and not a dry run).

    Rows match existing entries by `id`, else by (State, name, kind). `allowed_countries` limits
    which States the actor may write (None: all).
    """
    report = ImportReport(dry_run=dry_run)
    countries = known_countries()
    by_id, by_key = _existing(rows)
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    plan: list[tuple[int, Authority | None, str | None, dict]] = []
    for row, data in rows:
        cleaned, field_errors = clean_authority(data, countries=countries)
        report.errors.extend(RowError(row, e.field, e.message) for e in field_errors)
        if allowed_countries is not None and cleaned["country_id"] not in allowed_countries:
            report.errors.append(
                RowError(
                    row,
                    "country",
                    _("You may import entries only for your own State (%(allowed)s).")
                    % {"allowed": ", ".join(sorted(allowed_countries)) or "—"},
                )
            )
        row_id = _row_id(data.get("id"), row, report.errors)
        key = (cleaned["country_id"], cleaned["name"], cleaned["kind"])
        if row_id and row_id in seen_ids:
            report.errors.append(
                RowError(
                    row, "id", _("Duplicate of row %(row)d (same id).") % {"row": seen_ids[row_id]}
                )
            )
        elif key in seen_keys:
            report.errors.append(
                RowError(
                    row,
                    "name",
                    _("Duplicate of row %(row)d (same State, name and kind).")
                    % {"row": seen_keys[key]},
                )
            )
        seen_keys.setdefault(key, row)
        if row_id:
            seen_ids.setdefault(row_id, row)
        target = by_id.get(row_id) if row_id else by_key.get(key)
        if (
            target is not None
            and allowed_countries is not None
            and target.country_id not in allowed_countries
        ):
            report.errors.append(
                RowError(
                    row,
                    "id",
                    _(
                        "This id belongs to an entry of another State (%(state)s), which you "
                        "may not change. Leave the id empty to add a new entry."
                    )
                    % {"state": target.country_id},
                )
            )
        clash = by_key.get(key)
        if clash is not None and target is not None and clash.pk != target.pk:
            report.errors.append(RowError(row, "name", services.duplicate_message()))
        plan.append((row, target, row_id, cleaned))
    if report.errors:
        report.errors.sort(key=lambda e: e.row)
        return report
    for row, target, _id, cleaned in plan:
        if target is None:
            report.created += 1
            report.changes.append({"row": row, "action": "create", "name": cleaned["name"]})
            continue
        changed = [f for f, v in cleaned.items() if getattr(target, f) != v]
        if changed:
            report.updated += 1
            report.changes.append(
                {
                    "row": row,
                    "action": "update",
                    "id": str(target.pk),
                    "name": target.name,
                    "fields": changed,
                }
            )
        else:
            report.unchanged += 1
    if not dry_run:
        _write(plan, actor, report)
    return report


@transaction.atomic
def _write(plan, actor, report: ImportReport) -> None:
    with generations.renewed_once():
        for _row, target, row_id, cleaned in plan:
            if target is None:
                authority = Authority(id=row_id) if row_id else Authority()
                services.apply_and_index(authority, cleaned, actor=actor, before=None)
            elif any(getattr(target, f) != v for f, v in cleaned.items()):
                services.apply_and_index(
                    target, cleaned, actor=actor, before=services.authority_state(target)
                )
        record(
            actor=actor,
            action=Action.IMPORT,
            object_type="directory.authority",
            note=f"created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}",
        )
