"""The translation catalogues cover every user-facing string, and the pages render translated.

Extraction here needs no GNU gettext: templates go through Django's own ``templatize`` (the step
``makemessages`` runs before xgettext) and the result, like the Python sources, through Babel's
Python extractor. Catalogues are read with Babel. So this test runs on any machine with the
project's virtualenv, and fails when someone adds a string without translating it:
``make messages``, translate the new entries in comity/locale/*/LC_MESSAGES/django.po, re-run.
"""

import io
import re
import shutil
from collections import defaultdict
from functools import cache
from gettext import c2py
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import to_locale
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "comity"
LOCALE_DIR = PACKAGE / "locale"

# The apps whose templates make up the main pages; every string in them must be translated.
TEMPLATE_APPS = (
    "web",
    "directory",
    "accounts",
    "audit",
    "treaties",
    "drafting",
    "casework",
    "library",
    "networks",
    "assessments",
    "assistance",
    "liaison",
)

# Every interface language except the source language, by Django code.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Django's gettext functions as Babel keyword specs (what makemessages passes to xgettext).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

# Plural forms as in GNU gettext's tables: which form each count takes, for a few telling counts.
PLURAL_FORMS = {
    "ar": {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 103: 3, 111: 4},
    "zh-hans": {0: 0, 1: 0, 2: 0, 5: 0, 100: 0},
    "fr": {0: 0, 1: 0, 2: 1, 5: 1, 100: 1},
    "ru": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2},
    "es": {0: 1, 1: 0, 2: 1, 5: 1, 1000000: 1},
    "uk": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2},
}

# Python %-format conversions (named or not; "%%" is a literal percent sign), str.format fields,
# template variables left in a msgid, HTML entities and tags.
PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\d+|\*)?(?:\.\d+)?(?P<conv>[diouxXeEfFgGcrsa%])"
)
BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}")
DJANGO_VAR = re.compile(r"\{\{.*?\}\}")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")

# What each language's first-level heading on the home page reads (comity/web/templates/web/home.html).
HOME_HEADING = {
    "ar": "التعاون الدولي في المسائل الجنائية",
    "zh-hans": "刑事事项国际合作",
    "fr": "Coopération internationale en matière pénale",
    "ru": "Международное сотрудничество по уголовным делам",
    "es": "Cooperación internacional en asuntos penales",
    "uk": "Міжнародне співробітництво у кримінальних справах",
}


def po_path(language: str) -> Path:
    return LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"


@cache
def catalogue(language: str):
    with po_path(language).open("rb") as handle:
        return read_po(handle)


def extract_source(source: str) -> list[tuple[int, str | tuple[str, ...], str | None]]:
    """(line, msgid or (singular, plural), context) for each literal gettext call in Python source."""
    found = extract(
        "python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS, comment_tags=()
    )
    return [(lineno, message, context) for lineno, message, _comments, context in found]


def extract_template(source: str):
    # templatize() blanks everything but the gettext calls, keeping the lines. Each string literal
    # it writes is on one line, so the indentation left over can go: Python's tokenizer would
    # reject it (xgettext does not care).
    python = templatize(source)
    return extract_source("\n".join(line.lstrip() for line in python.splitlines()))


def template_files() -> list[Path]:
    files = []
    for app in TEMPLATE_APPS:
        files += sorted((PACKAGE / app / "templates").rglob("*.html"))
    return files


def python_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.relative_to(PACKAGE).parts
    )


@cache
def template_messages() -> dict[tuple, set[str]]:
    """{(msgid, context): {template, ...}} over the main pages' templates."""
    found = defaultdict(set)
    for path in template_files():
        for _line, message, context in extract_template(path.read_text(encoding="utf-8")):
            found[(message, context)].add(str(path.relative_to(ROOT)))
    return dict(found)


@cache
def python_messages() -> dict[tuple, set[str]]:
    found = defaultdict(set)
    for path in python_files():
        for line, message, context in extract_source(path.read_text(encoding="utf-8")):
            found[(message, context)].add(f"{path.relative_to(ROOT)}:{line}")
    return dict(found)


def untranslated(language: str, messages: dict[tuple, set[str]]) -> list[str]:
    """One line per message that the language's catalogue lacks or leaves untranslated."""
    cat = catalogue(language)
    problems = []
    for (message, context), places in sorted(messages.items(), key=lambda item: sorted(item[1])):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = cat.get(msgid, context=context)
        where = ", ".join(sorted(places))
        if entry is None:
            problems.append(f"{where}: missing from the catalogue: {message!r}")
        elif entry.fuzzy:
            problems.append(f"{where}: fuzzy (unchecked) translation: {msgid!r}")
        elif isinstance(message, tuple) != entry.pluralizable:
            problems.append(f"{where}: plural/singular mismatch with the catalogue: {msgid!r}")
        elif isinstance(entry.string, tuple):
            if len(entry.string) != cat.num_plurals or not all(entry.string):
                problems.append(
                    f"{where}: not every plural form ({cat.num_plurals}) is translated: {msgid!r}"
                )
        elif not entry.string:
            problems.append(f"{where}: untranslated: {msgid!r}")
    return problems


def markers(text: str) -> dict[str, object]:
    """What a translation must carry over from its msgid, whatever the language."""
    named, positional = set(), []
    for match in PERCENT.finditer(text):
        if match["conv"] == "%":
            continue
        if match["name"] is not None:
            named.add(f"%({match['name']}){match['conv']}")
        else:
            positional.append(match["conv"])
    return {
        "named placeholders": named,
        "positional placeholders": sorted(positional),
        "format fields": set(BRACE.findall(text)),
        "template variables": set(DJANGO_VAR.findall(text)),
        "HTML entities": set(ENTITY.findall(text)),
        "HTML tags": set(TAG.findall(text)),
    }


# --- the extractor itself ---------------------------------------------------------------------


def test_template_extraction_finds_every_kind_of_translatable_string():
    """The extraction used below sees what makemessages sees, so a gap cannot pass unnoticed."""
    source = (
        "{% load i18n %}"
        '{% translate "Plain" %}{% translate "In context" context "menu" %}'
        "{% translate 'Assigned' as label %}"
        "{% blocktranslate with name=user.name %}Hello {{ name }}, 5%{% endblocktranslate %}"
        "{% blocktranslate count counter=n %}{{ counter }} item{% plural %}"
        "{{ counter }} items{% endblocktranslate %}"
        "{% blocktranslate trimmed %}\n  Two\n  lines\n{% endblocktranslate %}"
        '{{ value|default:_("Filter argument") }}'
        "{% translate variable %}"
    )
    found = {(message, context) for _line, message, context in extract_template(source)}
    assert found == {
        ("Plain", None),
        ("In context", "menu"),
        ("Assigned", None),
        ("Hello %(name)s, 5%%", None),
        (("%(counter)s item", "%(counter)s items"), None),
        ("Two lines", None),
        ("Filter argument", None),
    }


def test_python_extraction_finds_gettext_calls():
    source = (
        "from django.utils.translation import gettext_lazy as _, ngettext, pgettext\n"
        'a = _("Lazy")\n'
        'b = ngettext("%(n)d file", "%(n)d files", n)\n'
        'c = pgettext("month", "May")\n'
        "d = _(variable)\n"
    )
    found = {(message, context) for _line, message, context in extract_source(source)}
    assert found == {
        ("Lazy", None),
        (("%(n)d file", "%(n)d files"), None),
        ("May", "month"),
    }


def test_extraction_covers_the_main_pages():
    assert len(template_files()) >= 20, "the main pages' templates were not found"
    assert len(template_messages()) >= 100, "suspiciously few strings found in the templates"
    assert len(python_messages()) >= 100, "suspiciously few strings found in the Python code"


# --- catalogues -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_exists_with_the_right_plural_forms(language):
    path = po_path(language)
    assert path.is_file(), f"{path} is missing: run `make messages`"
    cat = catalogue(language)
    expected = PLURAL_FORMS[language]
    count = len(set(expected.values()))
    assert cat.num_plurals == count, (
        f"{language}: Plural-Forms has nplurals={cat.num_plurals}, the language has {count}"
    )
    choose = c2py(cat.plural_expr)
    assert {n: choose(n) for n in expected} == expected, f"{language}: {cat.plural_expr}"
    assert {choose(n) for n in range(1000)} == set(range(count)), (
        f"{language}: the plural expression does not use exactly forms 0..{count - 1}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_templates_of_the_main_pages_are_translated(language):
    problems = untranslated(language, template_messages())
    assert not problems, (
        f"{len(problems)} template string(s) not translated in {po_path(language)}:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_python_strings_are_translated(language):
    problems = untranslated(language, python_messages())
    assert not problems, (
        f"{len(problems)} Python string(s) not translated in {po_path(language)}:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_no_fuzzy_or_empty_entries(language):
    cat = catalogue(language)
    assert not cat.fuzzy, f"{po_path(language)}: the header is still marked fuzzy"
    problems = []
    for message in cat:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"line {message.lineno}: {message.id!r}")
    assert not problems, f"{po_path(language)}: fuzzy or empty entries:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_markup(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = (markers(text) for text in message.id)
            forms = message.string
        else:
            singular = plural = markers(message.id)
            forms = (message.string,)
        for index, form in enumerate(forms):
            if not form:
                continue  # reported as untranslated elsewhere
            got = markers(form)
            for kind in got:
                if kind == "positional placeholders":
                    ok = got[kind] in (singular[kind], plural[kind])
                else:
                    # A plural form may drop what only one of the two English forms has (the
                    # count, say), but must keep what both have and add nothing of its own.
                    ok = singular[kind] & plural[kind] <= got[kind] <= singular[kind] | plural[kind]
                if not ok:
                    problems.append(
                        f"line {message.lineno}, form {index}: {kind} {sorted(got[kind])} "
                        f"differ from the msgid's {sorted(singular[kind] | plural[kind])}: "
                        f"{message.id!r}"
                    )
    assert not problems, f"{po_path(language)}:\n" + "\n".join(problems)


def test_product_name_is_not_translated():
    for language in TRANSLATED:
        assert catalogue(language).get("comity").string == "comity", language


# --- rendering --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def compiled_locale(tmp_path_factory):
    """The project's catalogues compiled afresh by the project's own command, outside the tree."""
    target = tmp_path_factory.mktemp("locale")
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        copy = target / po.relative_to(LOCALE_DIR)
        copy.parent.mkdir(parents=True)
        shutil.copyfile(po, copy)
    call_command("compile_translations", locale_dirs=[str(target)], force=True, verbosity=0)
    assert len(list(target.glob("*/LC_MESSAGES/django.mo"))) == len(settings.LANGUAGES)
    return target


@pytest.fixture
def fresh_translations(settings, compiled_locale):
    # Changing LOCALE_PATHS makes Django drop every loaded catalogue.
    settings.LOCALE_PATHS = [compiled_locale]


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize(
    ("language", "headers", "direction"),
    [
        ("ar", {"HTTP_ACCEPT_LANGUAGE": "ar"}, "rtl"),
        ("uk", {"cookie": "uk"}, "ltr"),
        # Browsers in China send zh-CN; Django maps it to the zh-hans interface.
        ("zh-hans", {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"}, "ltr"),
        ("fr", {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}, "ltr"),
        ("ru", {"HTTP_ACCEPT_LANGUAGE": "ru"}, "ltr"),
        ("es", {"HTTP_ACCEPT_LANGUAGE": "es-419"}, "ltr"),
    ],
)
def test_home_page_renders_in_the_language(client, language, headers, direction):
    headers = dict(headers)
    if "cookie" in headers:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = headers.pop("cookie")
    with translation.override(language):
        response = client.get("/", **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert HOME_HEADING[language] in html
    assert "International cooperation in criminal matters" not in html
    assert response.headers.get("Content-Language") == language


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_translations")
def test_home_page_in_english_by_default(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "International cooperation in criminal matters" in html
