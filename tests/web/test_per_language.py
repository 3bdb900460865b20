"""Template text written once per language: it sees only the language, never the page."""

from django.template import Context, Template
from django.test import Client
from django.utils import translation

from comity.accounts.models import Role
from tests import factories

_TEMPLATE = Template(
    "{% load i18n web %}{% per_language %}[{{ secret }}|{{ user.username }}|"
    '{% translate "Search" %}|{{ CURRENT_LANGUAGE }}|{{ LANGUAGE_BIDI }}]{% end_per_language %}'
    "({{ secret }})"
)


def _render(language: str, secret: str) -> str:
    with translation.override(language):
        return _TEMPLATE.render(Context({"secret": secret, "user": {"username": secret}}))


def test_the_page_s_variables_are_empty_inside_and_the_language_s_are_there():
    assert _render("en", "alpha") == "[||Search|en|False](alpha)"
    # Written once for English: another page's value never reaches the text kept for it.
    assert _render("en", "beta") == "[||Search|en|False](beta)"


def test_each_language_has_its_own_text():
    english = _render("en", "x")
    arabic = _render("ar", "x")
    assert arabic != english
    assert "|ar|True]" in arabic
    assert _render("en", "x") == english


def test_each_user_sees_their_own_name_and_each_language_its_own_frame(db):
    authority = factories.AuthorityFactory(country=factories.country("UKR"))
    pages = {}
    for name, language in (("Olena", "en"), ("Taras", "ar"), ("Iryna", "en")):
        client = Client()
        client.force_login(
            factories.UserFactory(authority=authority, role=Role.OFFICER, first_name=name)
        )
        client.cookies["django_language"] = language
        pages[name] = client.get("/directory/?q=x", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'lang="en" dir="ltr"' in pages["Olena"] and 'lang="ar" dir="rtl"' in pages["Taras"]
    for name, html in pages.items():
        assert f'class="user-link">{name}' in html
        assert all(other not in html for other in pages if other != name)
        assert 'name="next" type="hidden" value="/directory/?q=x"' in html
        assert html.count('name="csrfmiddlewaretoken"') == 2
