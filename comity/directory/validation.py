"""Checking directory input (forms, imports, API) against one set of rules.

`clean_authority` takes the API shape of an authority and returns the cleaned values plus a list
of field errors, each saying what is wrong and how to fix it, in the user's language.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from comity.core.text import TextProblem, clean_text
from comity.directory.vocabulary import AuthorityKind, Channel, Competence, Formality
from comity.geo.selectors import known_codes

INSTRUMENT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{1,39}$")
LIST_FIELDS = ("competences", "instruments", "languages", "channels", "formalities")
# Fields of one line: a line break or a bidirectional control character is refused in them.
SINGLE_LINE = frozenset({"name", "office_hours", "source", "time_zone", "website"})
TEXT_FIELDS = {
    "name": 300,
    "formalities_notes": 4000,
    "office_hours": 200,
    "address": 1000,
    "requirements": 8000,
    "source": 500,
    "source_note": 4000,
    "time_zone": 64,
    "website": 200,
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise TypeError


def normalize_phone(raw: str) -> str:
    """Return the number in E.164 (+380441234567) or raise ValueError. A leading + is required."""
    number = phonenumbers.parse(raw, None)
    if not phonenumbers.is_valid_number(number):
        raise ValueError(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone(field: str, raw, errors: list[FieldError]) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        return normalize_phone(raw)
    except (phonenumbers.NumberParseException, ValueError):
        errors.append(
            FieldError(
                field,
                _(
                    "“%(value)s” is not a valid international phone number. Write it with the country "
                    "code, e.g. +380 44 123 4567."
                )
                % {"value": raw},
            )
        )
        return raw


def _email(field: str, raw, errors: list[FieldError]) -> str:
    raw = (raw or "").strip()
    if raw:
        try:
            validate_email(raw)
        except ValidationError:
            errors.append(
                FieldError(
                    field,
                    _("“%(value)s” is not a valid e-mail address. Use the form name@example.org.")
                    % {"value": raw},
                )
            )
    return raw


def _codes(field: str, raw, allowed, what: str, errors: list[FieldError]) -> list[str]:
    try:
        values = _as_list(raw)
    except TypeError:
        errors.append(FieldError(field, _("Give a list of codes.")))
        return []
    unknown = [v for v in values if v not in allowed]
    if unknown:
        errors.append(
            FieldError(
                field,
                _("Unknown %(what)s code(s): %(codes)s. Use one of: %(allowed)s.")
                % {
                    "what": what,
                    "codes": ", ".join(unknown),
                    "allowed": ", ".join(sorted(allowed)),
                },
            )
        )
    if len(set(values)) != len(values):
        values = list(dict.fromkeys(values))
    return values


def _languages(field: str, raw, errors: list[FieldError]) -> list[str]:
    try:
        values = [v.lower() for v in _as_list(raw)]
    except TypeError:
        errors.append(FieldError(field, _("Give a list of language codes.")))
        return []
    unknown = [v for v in values if v not in language_codes()]
    if unknown:
        errors.append(
            FieldError(
                field,
                _(
                    "Unknown language code(s): %(codes)s. Use two-letter ISO 639-1 codes such as "
                    "en, fr, uk."
                )
                % {"codes": ", ".join(unknown)},
            )
        )
    return list(dict.fromkeys(values))


def _instruments(field: str, raw, errors: list[FieldError]) -> list[str]:
    try:
        values = [v.upper() for v in _as_list(raw)]
    except TypeError:
        errors.append(FieldError(field, _("Give a list of instrument codes.")))
        return []
    bad = [v for v in values if not INSTRUMENT_CODE.match(v)]
    if bad:
        errors.append(
            FieldError(
                field,
                _(
                    "Not an instrument code: %(codes)s. Use codes such as UNTOC, UNCAC, CETS-185, ETS-030."
                )
                % {"codes": ", ".join(bad)},
            )
        )
    return list(dict.fromkeys(values))


def _date(field: str, raw, errors: list[FieldError]) -> datetime.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, datetime.date):
        return raw
    try:
        value = datetime.date.fromisoformat(str(raw).strip())
    except ValueError:
        errors.append(
            FieldError(
                field,
                _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2026-03-31.")
                % {"value": raw},
            )
        )
        return None
    if value > datetime.date.today():
        errors.append(
            FieldError(field, _("The date is in the future. Give the day it was checked."))
        )
    return value


def _bool(field: str, raw, errors: list[FieldError]) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw or "").strip().lower()
    if text in ("", "0", "false", "no"):
        return False
    if text in ("1", "true", "yes"):
        return True
    errors.append(FieldError(field, _("Write true or false.")))
    return False


def _names(raw, errors: list[FieldError]) -> dict[str, str]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors.append(FieldError("names", _("Give names as an object of language code to name.")))
        return {}
    names = {}
    for lang, name in raw.items():
        code = str(lang).strip().lower()
        if code not in language_codes():
            errors.append(
                FieldError(
                    f"names.{lang}",
                    _("Unknown language code “%(code)s”. Use a two-letter ISO 639-1 code.")
                    % {"code": lang},
                )
            )
        elif not isinstance(name, _TEXT):
            errors.append(FieldError(f"names.{code}", _("Give the name as text.")))
        else:
            text = _checked_text(f"names.{code}", name, errors, single_line=True)
            if text:
                names[code] = text
    return names


def _checked_text(field: str, raw, errors: list[FieldError], *, single_line: bool) -> str:
    """The text of a field, stripped; a refused character (comity.core.text) is a field error."""
    value = str(raw or "").strip()
    try:
        return clean_text(value, single_line=single_line)
    except TextProblem as exc:
        errors.append(FieldError(field, str(exc)))
        return value


def known_countries() -> frozenset[str]:
    return known_codes()


# The JSON types of an entry's fields (API.md); a CSV row gives every value as text.
_TEXT = (str, type(None))
_TYPES = {
    **dict.fromkeys(
        (*TEXT_FIELDS, "country", "kind", "phone", "fax", "email", "verified_on", "id"), _TEXT
    ),
    **dict.fromkeys(
        ("competences", "instruments", "languages", "channels", "formalities"), (list, *_TEXT)
    ),
    "names": (dict, *_TEXT),
    "urgent": (dict, *_TEXT),
    "is_example": (bool, *_TEXT),
}


def _typed(data: dict, errors: list[FieldError]) -> dict:
    """`data` with every value of the wrong JSON type reported and left out."""
    typed = {}
    for field, value in data.items():
        expected = _TYPES.get(field)
        if expected is not None and not isinstance(value, expected):
            errors.append(FieldError(field, _("This field has the wrong type: see the API shape.")))
            continue
        typed[field] = value
    return typed


def clean_authority(
    data: dict, *, countries: frozenset[str] | None = None
) -> tuple[dict, list[FieldError]]:
    """Validate one authority in the API shape; return (cleaned values, errors).

    Pass `countries` (from `known_countries()`) when cleaning many rows, to look them up once.
    """
    errors: list[FieldError] = []
    cleaned: dict = {}
    data = _typed(data, errors)

    country = str(data.get("country") or "").strip().upper()
    if not country:
        errors.append(
            FieldError(
                "country", _("The State is missing. Give its ISO 3166-1 alpha-3 code, e.g. UKR.")
            )
        )
    elif country not in (countries if countries is not None else known_countries()):
        errors.append(
            FieldError(
                "country",
                _("Unknown State “%(code)s”. Use an ISO 3166-1 alpha-3 code, e.g. UKR, DEU, NGA.")
                % {"code": country},
            )
        )
    cleaned["country_id"] = country

    for field, limit in TEXT_FIELDS.items():
        value = _checked_text(field, data.get(field), errors, single_line=field in SINGLE_LINE)
        if len(value) > limit:
            errors.append(
                FieldError(
                    field,
                    _("Too long: %(length)d characters; at most %(limit)d.")
                    % {"length": len(value), "limit": limit},
                )
            )
        cleaned[field] = value
    if not cleaned["name"]:
        errors.append(FieldError("name", _("The name is missing.")))
    if not cleaned["source"]:
        errors.append(
            FieldError(
                "source",
                _(
                    "The source is missing. Cite where this entry comes from: a URL, a notification or a "
                    "publication."
                ),
            )
        )
    if cleaned["time_zone"] and cleaned["time_zone"] not in _time_zones():
        errors.append(
            FieldError(
                "time_zone",
                _("Unknown time zone “%(value)s”. Use an IANA name such as Europe/Kyiv.")
                % {"value": cleaned["time_zone"]},
            )
        )
    if cleaned["website"]:
        try:
            URLValidator(schemes=["http", "https"])(cleaned["website"])
        except ValidationError:
            errors.append(
                FieldError(
                    "website",
                    _("Not a web address. Write the full address, e.g. https://www.example.org."),
                )
            )

    kind = str(data.get("kind") or "").strip()
    if kind not in AuthorityKind.values:
        errors.append(
            FieldError(
                "kind",
                _("Unknown kind “%(value)s”. Use one of: %(allowed)s.")
                % {"value": kind, "allowed": ", ".join(AuthorityKind.values)},
            )
        )
    cleaned["kind"] = kind

    cleaned["names"] = _names(data.get("names"), errors)
    cleaned["competences"] = _codes(
        "competences", data.get("competences"), set(Competence.values), _("competence"), errors
    )
    cleaned["channels"] = _codes(
        "channels", data.get("channels"), set(Channel.values), _("channel"), errors
    )
    cleaned["formalities"] = _codes(
        "formalities", data.get("formalities"), set(Formality.values), _("formality"), errors
    )
    cleaned["languages"] = _languages("languages", data.get("languages"), errors)
    cleaned["instruments"] = _instruments("instruments", data.get("instruments"), errors)
    cleaned["phone"] = _phone("phone", data.get("phone"), errors)
    cleaned["fax"] = _phone("fax", data.get("fax"), errors)
    cleaned["email"] = _email("email", data.get("email"), errors)
    cleaned["verified_on"] = _date("verified_on", data.get("verified_on"), errors)
    cleaned["is_example"] = _bool("is_example", data.get("is_example"), errors)

    urgent = data.get("urgent") or {}
    if not isinstance(urgent, dict):
        errors.append(FieldError("urgent", _("Give urgent arrangements as an object.")))
        urgent = {}
    urgent = dict(urgent)
    for key, value in list(urgent.items()):
        if not (isinstance(value, _TEXT) or (key == "channels" and isinstance(value, list))):
            errors.append(
                FieldError(f"urgent.{key}", _("This field has the wrong type: see the API shape."))
            )
            del urgent[key]
    cleaned["urgent"] = {
        key: value
        for key, value in {
            "channels": _codes(
                "urgent.channels", urgent.get("channels"), set(Channel.values), _("channel"), errors
            ),
            "phone": _phone("urgent.phone", urgent.get("phone"), errors),
            "email": _email("urgent.email", urgent.get("email"), errors),
            "notes": _checked_text("urgent.notes", urgent.get("notes"), errors, single_line=False),
        }.items()
        if value
    }
    return cleaned, errors
