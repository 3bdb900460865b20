"""A small questionnaire for the tests, written to a folder of its own (COMITY_QUESTIONNAIRES_DIR),
so the tests do not depend on the questionnaires the installation ships."""

import copy
import json
from pathlib import Path

from comity.assessments import questionnaires

CODE = "test-untoc"

QUESTIONNAIRE = {
    "code": CODE,
    "version": "2026-1",
    "title": {"en": "Cooperation under UNTOC (test)", "fr": "Coopération selon la CTO (test)"},
    "instrument": "UNTOC",
    "source": "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html",
    "scale": [
        {"score": 0, "label": {"en": "Not in place"}, "meaning": {"en": "Nothing exists."}},
        {"score": 1, "label": {"en": "Partly"}, "meaning": {"en": "Some elements exist."}},
        {"score": 2, "label": {"en": "Largely"}, "meaning": {"en": "Most elements exist."}},
        {
            "score": 3,
            "label": {"en": "In place", "ar": "قائم"},
            "meaning": {"en": "Fully in place and used."},
        },
    ],
    "areas": [
        {
            "code": "mla",
            "title": {"en": "Mutual legal assistance", "ar": "المساعدة القانونية المتبادلة"},
            "questions": [
                {
                    "code": "mla.central_authority",
                    "article": "UNTOC 18(13)",
                    "text": {
                        "en": "A central authority for mutual legal assistance is designated.",
                        "ar": "تم تعيين سلطة مركزية للمساعدة القانونية المتبادلة.",
                    },
                    "guidance": {"en": "Name it in the directory."},
                    "evidence": ["authority", "legislation"],
                },
                {
                    "code": "mla.grounds",
                    "article": "UNTOC 18(21)",
                    "text": {"en": "Grounds for refusal are limited to those of the Convention."},
                    "guidance": {"en": "Quote the law."},
                    "evidence": ["legislation", "treaty"],
                },
            ],
        },
        {
            "code": "ext",
            "title": {"en": "Extradition"},
            "questions": [
                {
                    "code": "ext.dual_criminality",
                    "article": "UNTOC 16(1)",
                    "text": {"en": "Dual criminality is applied to the conduct, not its name."},
                    "evidence": ["legislation", "statistics", "document"],
                }
            ],
        },
    ],
}


def questionnaire(**changes) -> dict:
    data = copy.deepcopy(QUESTIONNAIRE)
    data.update(changes)
    return data


def install(folder: Path, data: dict | None = None, name: str = "test.json") -> Path:
    """Write a questionnaire file into `folder` (forgetting what was parsed before)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data or QUESTIONNAIRE, ensure_ascii=False), encoding="utf-8")
    questionnaires.forget()
    return path
