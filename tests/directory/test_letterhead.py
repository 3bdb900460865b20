"""The letterhead page of an authority: its administrators (and site admins) set the logo, the
letterhead lines, the signatory and the DOCX house template there; everyone else gets 404, as if
the page did not exist; a file that fails its check is refused with the reason and nothing
changes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.drafting.documents.house import DEFAULT_TEMPLATE
from comity.drafting.models import HouseStyle
from tests import factories
from tests.accounts.helpers import verified_login
from tests.drafting.house import template_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(ukr_moj):
    return f"/directory/{ukr_moj.pk}/letterhead/"


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_who_may_open_the_page(client, url, ukr_moj, deu_entry, people):
    assert client.get(url).status_code == 302
    assert client.get(url)["Location"].startswith("/accounts/login/")
    same_state = factories.AuthorityFactory(country=ukr_moj.country, name="Prosecutor General")
    for user, status in (
        (people["admin_own"], 200),
        (people["viewer_own"], 404),
        (factories.UserFactory(authority=ukr_moj, role=Role.OFFICER), 404),
        (factories.UserFactory(authority=same_state, role=Role.AUTHORITY_ADMIN), 404),
        (people["admin_other"], 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user.role
    assert verified_login(client, people["site_admin"]).get(url).status_code == 200


def test_the_entry_links_to_the_page_for_those_who_may_use_it(client, ukr_moj, people, url):
    client.force_login(people["admin_own"])
    assert url in client.get(f"/directory/{ukr_moj.pk}/").content.decode()
    client.force_login(people["admin_other"])
    assert url not in client.get(f"/directory/{ukr_moj.pk}/").content.decode()


def test_an_admin_saves_the_logo_the_signatory_and_the_template(client, url, ukr_moj, people):
    client.force_login(people["admin_own"])
    logo = factories.png_logo()
    response = client.post(
        url,
        {
            "letterhead_lines": "13 Horodetskoho Street\n01001 Kyiv\n",
            "signatory_name": "Olena Kovalenko",
            "signatory_function": "Deputy Minister of Justice",
            "logo": upload("logo.jpg", logo, "image/jpeg"),  # the name says JPEG; the content rules
            "template": upload(
                "house.docx", DEFAULT_TEMPLATE.read_bytes(), "application/octet-stream"
            ),
        },
    )
    assert response.status_code == 302
    style = HouseStyle.objects.get(authority=ukr_moj)
    assert style.letterhead_lines == ["13 Horodetskoho Street", "01001 Kyiv"]
    assert (style.logo_type, style.template_name) == ("image/png", "house.docx")
    page = client.get(url).content.decode()
    assert "house.docx" in page and "Olena Kovalenko" in page
    shown = client.get(f"{url}logo/")
    assert (shown.content, shown["Content-Type"]) == (logo, "image/png")
    assert client.get(f"{url}template/").content == DEFAULT_TEMPLATE.read_bytes()
    assert "History" in page and "Created" in page

    client.post(url, {"remove_logo": "on", "signatory_name": "Olena Kovalenko"})
    style.refresh_from_db()
    assert style.logo_type == "" and bytes(style.template) == DEFAULT_TEMPLATE.read_bytes()
    assert client.get(f"{url}logo/").status_code == 404


def test_a_broken_template_is_refused_with_the_reason_and_nothing_changes(
    client, url, ukr_moj, people
):
    client.force_login(people["admin_own"])
    trail = AuditEntry.objects.count()
    response = client.post(
        url,
        {
            "signatory_name": "Olena Kovalenko",
            "logo": upload("logo.png", factories.png_logo(), "image/png"),
            "template": upload(
                "house.docx", template_docx(["Dear {{ addressee_label }", "{{p body }}"]), "x"
            ),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "broken placeholder" in page and "Dear {{ addressee_label }" in page
    assert not HouseStyle.objects.exists()
    assert AuditEntry.objects.count() == trail


def test_the_default_template_is_offered_for_download(client, url, people):
    client.force_login(people["admin_own"])
    response = client.get(f"{url}default-template/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DEFAULT_TEMPLATE.read_bytes()
    assert "comity-house-template.docx" in response["Content-Disposition"]


def test_the_page_takes_a_template_larger_than_an_ordinary_form(client, url, ukr_moj, people):
    """The letterhead page may receive up to COMITY_MAX_IMPORT_BYTES; other pages keep 1 MB."""
    client.force_login(people["admin_own"])
    big = io.BytesIO(b"PK" + b"\0" * (5 * 1024 * 1024 + 10))
    response = client.post(url, {"template": upload("big.docx", big.getvalue(), "x")})
    assert response.status_code == 200
    assert "may be at most 5.0 MB" in response.content.decode()
    edit = client.post(
        f"/directory/{ukr_moj.pk}/edit/", {"file": upload("big.docx", big.getvalue(), "x")}
    )
    assert edit.status_code == 413


def test_the_page_in_arabic_runs_right_to_left(client, url, people):
    client.force_login(people["admin_own"])
    page = client.get(url, headers={"accept-language": "ar"}).content.decode()
    assert 'dir="rtl"' in page
    assert "الترويسة" in page


def test_an_empty_letterhead_shows_what_documents_print_instead(client, url, ukr_moj, people):
    ukr_moj.address, ukr_moj.phone = "13 Horodetskoho Street\n01001 Kyiv", "+380 44 364 23 93"
    ukr_moj.save()
    client.force_login(people["admin_own"])
    page = client.get(url).content.decode()
    placeholder = page.split('name="letterhead_lines"')[0].rsplit("<textarea", 1)[1]
    placeholder += page.split('name="letterhead_lines"')[1].split(">")[0]
    for line in ("13 Horodetskoho Street", "01001 Kyiv", "Ukraine", "+380 44 364 23 93"):
        assert line in placeholder
