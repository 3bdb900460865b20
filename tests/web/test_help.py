"""The help page: every kind of request and every glossary term, in every language, and the links
that forms and the main navigation make to it."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from comity.core.forms import CheckedForm
from comity.drafting import forms as drafting_forms
from comity.treaties.vocabulary import RequestKind
from comity.web import help as help_text

# A kind, a term and a sentence of the page in each language, as the catalogues give them.
TRANSLATED = {
    "ar": ("تسليم المجرمين", "قاعدة التخصيص", "الأخطاء الشائعة"),
    "zh-hans": ("引渡", "特定性规则", "常见错误"),
    "fr": ("Extradition", "Règle de la spécialité", "Erreurs fréquentes"),
    "ru": ("Выдача", "Правило конкретности", "Типичные ошибки"),
    "es": ("Extradición", "Principio de especialidad", "Errores frecuentes"),
    "uk": ("Екстрадиція", "Правило спеціалізації", "Типові помилки"),
}


def _page(language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/help/")
    assert response.status_code == 200
    return response.content.decode()


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def _forms_with_anchors() -> list[type[CheckedForm]]:
    found, todo = [], [CheckedForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.help_anchors:
            found.append(cls)
    return found


def test_the_help_covers_every_kind_of_request_and_names_each_term_once():
    assert [item.kind for item in help_text.KINDS] == list(RequestKind)
    anchors = [term.anchor for term in help_text.TERMS]
    assert len(anchors) == len(set(anchors))


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_help_answers_in_every_language_with_every_kind_and_term(db, language):
    html = _page(language)
    ids = _ids(html)
    assert {item.anchor for item in help_text.KINDS} <= ids
    assert {term.anchor for term in help_text.TERMS} <= ids
    if language == "en":
        assert "Mutual legal assistance" in html and "Rule of speciality" in html
    else:
        for text in TRANSLATED[language]:
            assert text in html
        assert "Typical pitfalls" not in html


def test_every_help_anchor_of_a_form_is_a_field_and_a_term_of_the_help(db):
    forms = _forms_with_anchors()
    assert drafting_forms.ConditionsForm in forms and drafting_forms.FactsForm in forms
    ids = _ids(_page("en"))
    for form in forms:
        for field, anchor in form.help_anchors.items():
            assert field in form.base_fields, f"{form.__name__}.{field} is not a field"
            assert anchor in ids, f"{form.__name__}.{field}: no #{anchor} on /help/"


def test_a_field_with_a_term_links_to_its_explanation_and_others_do_not():
    form = drafting_forms.FactsForm()
    linked = render_to_string("web/_field.html", {"field": form["dual_criminality"]})
    plain = render_to_string("web/_field.html", {"field": form["facts"]})
    assert 'href="/help/#dual-criminality"' in linked
    assert "help-link" not in plain
    checkbox = render_to_string(
        "web/_field.html", {"field": drafting_forms.ConditionsForm()["speciality"]}
    )
    assert 'href="/help/#speciality"' in checkbox
