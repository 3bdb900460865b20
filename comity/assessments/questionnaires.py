"""Questionnaires are data: one JSON file each in COMITY_QUESTIONNAIRES_DIR (data/assessments).

A file's shape (docs/ASSESSMENTS.md):

    {"code": "untoc", "version": "2026-1", "title": {"en": ..., "fr": ...},
     "instrument": "UNTOC", "source": "https://...",
     "scale": [{"score": 0, "label": {"en": ...}, "meaning": {"en": ...}}, ...],
     "areas": [{"code": "mla", "title": {"en": ...},
                "questions": [{"code": "mla.central_authority", "article": "UNTOC 18(13)",
                               "text": {"en": ...}, "guidance": {"en": ...},
                               "evidence": ["legislation", "authority", ...]}]}]}

Every text is a mapping of language codes (the seven of comity.core.languages) to text, English
required; a page shows the active language and falls back to English. Each file is checked when it
is read, with every problem named by its place in the file; a parsed file is kept until it changes
on disk (its modification time).
"""

import json
import logging
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from comity.assessments.vocabulary import EvidenceKind
from comity.core.languages import CODES, iso_code

log = logging.getLogger(__name__)

CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
MAX_FILE_BYTES = 2 * 1024 * 1024


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used: `problems` lists "place: what is wrong"."""

    def __init__(self, path, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(f"{self.path.name}: " + "; ".join(problems))


def text_in(texts: dict, language: str | None = None) -> str:
    """The text of a {language: text} mapping in `language` (the active one), else English."""
    if not texts:
        return ""
    lang = iso_code(language or get_language() or "en")
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class Level:
    """One step of the scale."""

    score: int
    label: dict
    meaning: dict

    def label_in(self, language=None) -> str:
        return text_in(self.label, language)

    def meaning_in(self, language=None) -> str:
        return text_in(self.meaning, language)


@dataclass(frozen=True)
class Question:
    code: str
    area: str
    article: str
    text: dict
    guidance: dict
    evidence: tuple[str, ...]

    def text_in(self, language=None) -> str:
        return text_in(self.text, language)

    def guidance_in(self, language=None) -> str:
        return text_in(self.guidance, language)


@dataclass(frozen=True)
class Area:
    code: str
    title: dict
    questions: tuple[Question, ...]

    def title_in(self, language=None) -> str:
        return text_in(self.title, language)


@dataclass(frozen=True)
class Questionnaire:
    code: str
    version: str
    title: dict
    instrument: str
    source: str
    scale: tuple[Level, ...]
    areas: tuple[Area, ...]
    path: str = ""

    def title_in(self, language=None) -> str:
        return text_in(self.title, language)

    @property
    def top(self) -> int:
        """The highest score: a question scored lower is a gap."""
        return self.scale[-1].score

    @property
    def bottom(self) -> int:
        return self.scale[0].score

    @cached_property
    def scores(self) -> frozenset[int]:
        return frozenset(level.score for level in self.scale)

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by its code, in the order of the file."""
        return {q.code: q for area in self.areas for q in area.questions}

    def level(self, score: int | None) -> Level | None:
        return next((level for level in self.scale if level.score == score), None)

    def area(self, code: str) -> Area | None:
        return next((area for area in self.areas if area.code == code), None)


# --- Reading and checking -------------------------------------------------------------------------


def folder() -> Path:
    return Path(settings.COMITY_QUESTIONNAIRES_DIR)


_parsed: dict[str, tuple[float, int, Questionnaire]] = {}


def read(path) -> Questionnaire:
    """The questionnaire in one file, checked; kept until the file changes. QuestionnaireError."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise QuestionnaireError(path, [f"cannot be read ({exc.strerror})"]) from exc
    kept = _parsed.get(str(path))
    if kept and kept[0] == stat.st_mtime and kept[1] == stat.st_size:
        return kept[2]
    if stat.st_size > MAX_FILE_BYTES:
        raise QuestionnaireError(path, [f"larger than {MAX_FILE_BYTES} bytes"])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(path, ["is not UTF-8 text"]) from exc
    except json.JSONDecodeError as exc:
        raise QuestionnaireError(
            path, [f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from exc
    questionnaire = parse(data, path=path)
    _parsed[str(path)] = (stat.st_mtime, stat.st_size, questionnaire)
    return questionnaire


def parse(data, *, path="questionnaire") -> Questionnaire:
    """A questionnaire from the decoded JSON of a file, or QuestionnaireError naming every
    problem by its place ("areas[1].questions[0].text: ...")."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise QuestionnaireError(path, ["the file must hold one JSON object"])
    code = _code(data, "code", problems, "")
    version = _string(data, "version", problems, "")
    title = _texts(data, "title", problems, "")
    instrument = _string(data, "instrument", problems, "", required=False)
    source = _string(data, "source", problems, "")
    scale = _scale(data.get("scale"), problems)
    areas = _areas(data.get("areas"), problems)
    if problems:
        raise QuestionnaireError(path, problems)
    return Questionnaire(
        code=code,
        version=version,
        title=title,
        instrument=instrument,
        source=source,
        scale=scale,
        areas=areas,
        path=str(path),
    )


def _string(obj: dict, name: str, problems, where: str, *, required=True) -> str:
    value = obj.get(name, "")
    place = f"{where}{name}"
    if not isinstance(value, str):
        problems.append(f"{place}: must be text")
        return ""
    if required and not value.strip():
        problems.append(f"{place}: is required")
    return value.strip()


def _code(obj: dict, name: str, problems, where: str) -> str:
    value = _string(obj, name, problems, where)
    if value and not CODE.match(value):
        problems.append(
            f"{where}{name}: {value!r} is not a code (lower-case letters, digits, . _ -; "
            "at most 80 characters)"
        )
    return value


def _texts(obj: dict, name: str, problems, where: str, *, required=True) -> dict:
    """A {language: text} mapping: languages of comity only, English required."""
    value = obj.get(name)
    place = f"{where}{name}"
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        problems.append(f'{place}: must be an object of texts by language, e.g. {{"en": ...}}')
        return {}
    out = {}
    for language, text in value.items():
        if language not in CODES:
            problems.append(
                f"{place}.{language}: unknown language; use one of {', '.join(sorted(CODES))}"
            )
        elif not isinstance(text, str):
            problems.append(f"{place}.{language}: must be text")
        elif text.strip():
            out[language] = text.strip()
    if (required or value) and "en" not in out:
        problems.append(f"{place}.en: the English text is required (the fallback)")
    return out


def _scale(value, problems) -> tuple[Level, ...]:
    if not isinstance(value, list) or len(value) < 2:
        problems.append("scale: must list at least two levels")
        return ()
    levels = []
    for i, item in enumerate(value):
        where = f"scale[{i}]."
        if not isinstance(item, dict):
            problems.append(f"scale[{i}]: must be an object")
            continue
        score = item.get("score")
        if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
            problems.append(f"{where}score: must be a whole number from 0 to 100")
            continue
        levels.append(
            Level(
                score=score,
                label=_texts(item, "label", problems, where),
                meaning=_texts(item, "meaning", problems, where, required=False),
            )
        )
    scores = [level.score for level in levels]
    if len(set(scores)) != len(scores):
        problems.append("scale: two levels have the same score")
    elif scores != sorted(scores):
        problems.append("scale: list the levels from the lowest score to the highest")
    return tuple(levels)


def _areas(value, problems) -> tuple[Area, ...]:
    if not isinstance(value, list) or not value:
        problems.append("areas: must list at least one area")
        return ()
    areas, area_codes, question_codes = [], set(), set()
    for i, item in enumerate(value):
        where = f"areas[{i}]."
        if not isinstance(item, dict):
            problems.append(f"areas[{i}]: must be an object")
            continue
        code = _code(item, "code", problems, where)
        if code in area_codes:
            problems.append(f"{where}code: {code!r} is the code of an earlier area")
        area_codes.add(code)
        title = _texts(item, "title", problems, where)
        raw = item.get("questions")
        if not isinstance(raw, list) or not raw:
            problems.append(f"{where}questions: must list at least one question")
            raw = []
        questions = []
        for j, q in enumerate(raw):
            question = _question(q, f"{where}questions[{j}].", code, problems)
            if question is None:
                continue
            if question.code in question_codes:
                problems.append(
                    f"{where}questions[{j}].code: {question.code!r} is the code of an earlier "
                    "question; each question needs its own code"
                )
            question_codes.add(question.code)
            questions.append(question)
        areas.append(Area(code=code, title=title, questions=tuple(questions)))
    return tuple(areas)


def _question(item, where: str, area: str, problems) -> Question | None:
    if not isinstance(item, dict):
        problems.append(f"{where.rstrip('.')}: must be an object")
        return None
    evidence = item.get("evidence", [])
    kinds = []
    if not isinstance(evidence, list):
        problems.append(f"{where}evidence: must be a list of kinds of evidence")
    else:
        for kind in evidence:
            if kind not in EvidenceKind.values:
                problems.append(
                    f"{where}evidence: {kind!r} is not a kind of evidence; use "
                    + ", ".join(EvidenceKind.values)
                )
            else:
                kinds.append(kind)
    return Question(
        code=_code(item, "code", problems, where),
        area=area,
        article=_string(item, "article", problems, where, required=False),
        text=_texts(item, "text", problems, where),
        guidance=_texts(item, "guidance", problems, where, required=False),
        evidence=tuple(kinds),
    )


# --- The questionnaires of the installation ---------------------------------------------------------


def scan() -> tuple[dict[str, Questionnaire], list[QuestionnaireError]]:
    """Every questionnaire of the folder by code, and the files that could not be used (a file
    whose code another file already has is one of those)."""
    found: dict[str, Questionnaire] = {}
    errors: list[QuestionnaireError] = []
    base = folder()
    paths = sorted(base.glob("*.json")) if base.is_dir() else []
    for path in paths:
        try:
            questionnaire = read(path)
        except QuestionnaireError as exc:
            errors.append(exc)
            continue
        if questionnaire.code in found:
            errors.append(
                QuestionnaireError(
                    path,
                    [
                        f"code: {questionnaire.code!r} is already the code of "
                        f"{Path(found[questionnaire.code].path).name}; give each file its own code"
                    ],
                )
            )
            continue
        found[questionnaire.code] = questionnaire
    return found, errors


def available() -> list[Questionnaire]:
    """The usable questionnaires, by code. A file that fails its checks is left out and logged
    (`manage.py check` reports it: comity.assessments.checks)."""
    found, errors = scan()
    for error in errors:
        log.error("Questionnaire left out: %s", error)
    return [found[code] for code in sorted(found)]


def get(code: str) -> Questionnaire | None:
    """The questionnaire with this code, or None."""
    return scan()[0].get(code)


def choices(language=None) -> list[tuple[str, str]]:
    return [(q.code, f"{q.title_in(language)} ({q.version})") for q in available()]


def forget() -> None:
    """Drop the parsed files (tests)."""
    _parsed.clear()
