"""A saved request is rendered in its authority's house style: the DOCX from the authority's
template, the PDF and the review step's preview with its logo and signatory; a template that
cannot take a particular request gets a clear answer (422), not a crash, and the PDF still works.
"""

import pytest

from comity.accounts.models import Role
from comity.drafting import rendering
from comity.drafting import services as drafting_services
from tests import factories
from tests.drafting.house import template_docx
from tests.drafting.test_documents import assert_contains, docx_text, mla_body, pdf_text
from tests.drafting.test_house_documents import LINES, LOGO, SIGNATORY, needs_poppler
from tests.drafting.test_house_templates import CUSTOM


@pytest.fixture
def saved(db):
    owner = factories.AuthorityFactory(
        country=factories.country("UKR"), name="Ministry of Justice of Ukraine"
    )
    factories.country("DEU")
    admin = factories.UserFactory(authority=owner, role=Role.AUTHORITY_ADMIN)
    officer = factories.UserFactory(authority=owner, role=Role.OFFICER)
    drafting_services.set_house_style(
        authority=owner,
        actor=admin,
        letterhead_lines=list(LINES),
        signatory_name=SIGNATORY[0],
        signatory_function=SIGNATORY[1],
        logo=LOGO,
        template=CUSTOM,
    )
    request = drafting_services.create_request(owner=owner, data=mla_body("en"), actor=officer)
    return request, officer, admin


def test_a_saved_requests_docx_is_made_from_its_authoritys_template(saved):
    request, _officer, _admin = saved
    content, _type = rendering.render(request, fmt="docx", language="en")
    text = docx_text(content)
    assert "KESTREL MINISTRY HOUSE STYLE — Ministry of Justice of Ukraine" in text
    assert_contains(text, [*LINES, *SIGNATORY, "DRAFT"], "saved docx")
    preview = rendering.preview(request, language="en")
    assert preview.signature[1:3] == list(SIGNATORY)
    assert preview.letterhead.logo.data == LOGO


@needs_poppler
def test_a_saved_requests_pdf_has_the_logo_and_the_signatory(saved, tmp_path):
    request, _officer, _admin = saved
    content, _type = rendering.render(request, fmt="pdf", language="en")
    assert_contains(pdf_text(content, tmp_path), [*LINES, *SIGNATORY], "saved pdf")


def test_a_template_that_cannot_take_a_request_gets_a_clear_answer_not_a_crash(saved, client):
    request, officer, admin = saved
    picky = template_docx(["{{p body }}", "Your file: {{ references[1].value }}"])
    drafting_services.set_house_style(authority=request.owner, actor=admin, template=picky)
    body = {**request.data, "their_reference": ""}
    drafting_services.update_request(request=request, data=body, actor=officer)
    client.force_login(officer)
    response = client.get(f"/api/v1/requests/{request.pk}/document?format=docx")
    assert response.status_code == 422
    assert "house template could not be filled in" in response.json()["detail"]
    assert client.get(f"/api/v1/requests/{request.pk}/document?format=pdf").status_code == 200
