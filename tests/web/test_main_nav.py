"""The main navigation: what each kind of user sees, in their language."""

import re

from django.conf import settings
from django.test import Client

from comity.accounts.models import Role
from tests import factories


def _nav(client: Client, path: str = "/directory/") -> list[tuple[str, str]]:
    html = client.get(path).content.decode()
    nav = html.split('<ul class="nav">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


def _signed_in(role: str, authority) -> Client:
    client = Client()
    client.force_login(factories.UserFactory(authority=authority, role=role))
    return client


def test_visitors_see_the_library_and_help_officers_the_work_admins_also_audit_and_users(db):
    assert _nav(Client(), "/") == [("/library/", "Library"), ("/help/", "Help")]
    authority = factories.AuthorityFactory(country=factories.country("UKR"))
    officer = _signed_in(Role.OFFICER, authority)
    admin = _signed_in(Role.AUTHORITY_ADMIN, authority)
    officer_links = _nav(officer)
    assert [label for _href, label in officer_links] == [
        "Requests",
        "Case register",
        "Directory",
        "States",
        "Networks",
        "Compare States",
        "Which legal basis?",
        "Treaties",
        "Library",
        "Help",
    ]
    assert _nav(admin) == [
        *officer_links[:-2],
        ("/audit/", "Audit log"),
        ("/accounts/users/", "Users"),
        ("/library/", "Library"),
        ("/help/", "Help"),
    ]
    assert _nav(officer) == officer_links  # the admin's links stay with the admins


def test_the_links_follow_the_language_of_the_page(db):
    authority = factories.AuthorityFactory(country=factories.country("UKR"))
    client = _signed_in(Role.OFFICER, authority)
    english = _nav(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = _nav(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english[0] == ("/requests/", "Requests")
    assert french[0] == ("/requests/", "Demandes")
    assert _nav(client) == english
