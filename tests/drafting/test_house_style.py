"""An authority's house style (logo, letterhead lines, signatory, DOCX house template) is saved
only by its own administrators and site admins, only when every part of it passes its check, and
every change is in the audit trail. A check says what is wrong and how to fix it; a refused upload
leaves the house style and the audit trail as they were."""

import io
import random
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from PIL import Image

from comity.accounts.models import Role
from comity.audit.models import Action, AuditEntry
from comity.drafting.documents.house import DEFAULT_TEMPLATE
from comity.drafting.documents.house.checks import MAX_LOGO_BYTES, MAX_TEMPLATE_BYTES
from comity.drafting.models import HouseStyle
from comity.drafting.services import HouseStyleInputError, set_house_style
from tests import factories
from tests.drafting.house import template_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def moj():
    return factories.AuthorityFactory(
        country=factories.country("UKR"), name="Ministry of Justice of Ukraine"
    )


@pytest.fixture
def admin(moj):
    return factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN)


def refused(authority, actor, **changes) -> dict:
    """The problems by field of a refused save, after checking that nothing was written."""
    styles, entries = HouseStyle.objects.count(), AuditEntry.objects.count()
    with pytest.raises(HouseStyleInputError) as caught:
        set_house_style(authority=authority, actor=actor, **changes)
    assert HouseStyle.objects.count() == styles
    assert AuditEntry.objects.count() == entries
    return {error.field: error.message for error in caught.value.errors}


def image(fmt: str, size=(200, 60)) -> bytes:
    saved = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(saved, fmt)
    return saved.getvalue()


# --- The logo is checked by its content ---------------------------------------------------------


def test_a_png_and_a_jpeg_logo_are_kept_with_their_type_and_size(moj, admin):
    style = set_house_style(authority=moj, actor=admin, logo=image("JPEG", (300, 100)))
    assert (style.logo_type, style.logo_width, style.logo_height) == ("image/jpeg", 300, 100)
    style = set_house_style(authority=moj, actor=admin, logo=factories.png_logo(240, 80))
    style.refresh_from_db()
    assert bytes(style.logo) == factories.png_logo(240, 80)
    assert (style.logo_type, style.logo_width, style.logo_height) == ("image/png", 240, 80)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7 not an image at all", "not a PNG or JPEG image"),
        (image("GIF"), "not a PNG or JPEG image"),
        (image("BMP"), "not a PNG or JPEG image"),
        (factories.png_logo()[:200], "not a PNG or JPEG image"),  # cut short
        (image("PNG", (10, 60)), "between 16 and 4000 pixels"),
        (image("PNG", (4100, 20)), "between 16 and 4000 pixels"),
        (b"", "empty"),
    ],
    ids=["pdf", "gif", "bmp", "truncated", "too-narrow", "too-wide", "empty"],
)
def test_a_logo_that_is_not_a_sound_png_or_jpeg_is_refused(moj, admin, data, expected):
    assert expected in refused(moj, admin, logo=data, signatory_name="Olena Kovalenko")["logo"]


def test_a_logo_over_one_megabyte_is_refused_with_its_size(moj, admin):
    noise = Image.frombytes("RGB", (1000, 1000), random.Random(1).randbytes(3 * 1000 * 1000))
    saved = io.BytesIO()
    noise.save(saved, "PNG", compress_level=0)
    assert len(saved.getvalue()) > MAX_LOGO_BYTES
    message = refused(moj, admin, logo=saved.getvalue())["logo"]
    assert "may be at most 1.0 MB" in message


# --- Letterhead lines and the signatory ---------------------------------------------------------


def test_letterhead_lines_are_stripped_and_at_most_six(moj, admin):
    style = set_house_style(
        authority=moj,
        actor=admin,
        letterhead_lines=["  13 Horodetskoho Street ", "", "01001 Kyiv", "Tel. +380 44 364 23 93"],
    )
    assert style.letterhead_lines == [
        "13 Horodetskoho Street",
        "01001 Kyiv",
        "Tel. +380 44 364 23 93",
    ]
    message = refused(moj, admin, letterhead_lines=[f"Line {n}" for n in range(7)])
    assert "at most 6" in message["letterhead_lines"]


def test_a_signatory_line_with_a_control_character_or_too_long_is_refused(moj, admin):
    problems = refused(
        moj, admin, signatory_name="Olena\u202eKovalenko", signatory_function="x" * 201
    )
    assert "bidirectional control" in problems["signatory_name"]
    assert "at most 200" in problems["signatory_function"]


# --- The template -------------------------------------------------------------------------------


def test_the_default_template_is_accepted(moj, admin):
    style = set_house_style(
        authority=moj,
        actor=admin,
        template=DEFAULT_TEMPLATE.read_bytes(),
        template_name="C:\\Users\\olena\\Desktop\\house.docx",
    )
    assert bytes(style.template) == DEFAULT_TEMPLATE.read_bytes()
    assert style.template_name == "house.docx"


def test_a_file_that_is_not_a_docx_is_refused(moj, admin):
    assert (
        "not a Word document"
        in refused(moj, admin, template=b"PK\x03\x04 but not really")["template"]
    )
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    assert "not a Word document" in refused(moj, admin, template=odt.getvalue())["template"]


def test_a_template_over_five_megabytes_is_refused(moj, admin):
    message = refused(moj, admin, template=b"PK" + b"\0" * MAX_TEMPLATE_BYTES)["template"]
    assert "may be at most 5.0 MB" in message


def test_a_broken_placeholder_is_refused_with_where_it_is_and_how_to_fix_it(moj, admin):
    template = template_docx(["Ministry letter of {{ authority_name }", "{{p body }}"])
    message = refused(
        moj, admin, template=template, signatory_name="Olena Kovalenko", logo=factories.png_logo()
    )["template"]
    assert "broken placeholder in the text" in message
    assert "Ministry letter of" in message
    assert "closed" in message


def test_the_message_for_a_broken_placeholder_is_in_the_users_language(moj, admin):
    template = template_docx(["{{p body }}"], header=["{% if draft %}{{ draft_mark }}"])
    with translation.override("fr"):
        message = refused(moj, admin, template=template)["template"]
    assert "dans un en-tête" in message


def test_a_placeholder_comity_does_not_fill_in_is_named(moj, admin):
    template = template_docx(["{{ authority_nme }}", "{{p body }}", "{{ signatory.name }}"])
    message = refused(moj, admin, template=template)["template"]
    assert "authority_nme, signatory" in message


def test_a_template_without_the_body_is_refused(moj, admin):
    message = refused(moj, admin, template=template_docx(["{{ authority_name }}"]))["template"]
    assert "has no {{p body }}" in message
    message = refused(moj, admin, template=template_docx(["Text: {{ body }}"]))["template"]
    assert "alone in a paragraph" in message


def test_a_template_cannot_reach_out_of_the_sandbox(moj, admin):
    template = template_docx(["{{p body }}", "{{ references.__class__.__mro__ }}"])
    assert "stopped at a placeholder" in refused(moj, admin, template=template)["template"]
    template = template_docx(["{{p body }}", "{{ 'x' * 100000 }}"])
    assert "stopped at a placeholder" in refused(moj, admin, template=template)["template"]


def test_a_template_that_takes_too_long_is_stopped(moj, admin, settings):
    settings.COMITY_RENDER_TIMEOUT = 1
    template = template_docx(
        [
            "{{p body }}",
            "{% for a in range(90000) %}{% for b in range(90000) %}{% endfor %}{% endfor %}",
        ]
    )
    assert "took more than 1 seconds" in refused(moj, admin, template=template)["template"]


def test_every_problem_is_reported_and_nothing_is_saved(moj, admin):
    set_house_style(authority=moj, actor=admin, signatory_name="Olena Kovalenko")
    problems = refused(
        moj,
        admin,
        signatory_name="Petro Shevchenko",
        logo=b"not an image",
        template=template_docx(["{{ title }"]),
    )
    assert set(problems) == {"logo", "template"}
    assert HouseStyle.objects.get(authority=moj).signatory_name == "Olena Kovalenko"


# --- Who may, and the audit trail ---------------------------------------------------------------


def test_only_the_authoritys_admins_and_site_admins_may_set_it(moj, admin, site_admin):
    other = factories.AuthorityFactory(country=factories.country("UKR"), name="Prosecutor General")
    for actor in (
        factories.UserFactory(authority=moj, role=Role.OFFICER),
        factories.UserFactory(authority=other, role=Role.AUTHORITY_ADMIN),
    ):
        with pytest.raises(PermissionDenied):
            set_house_style(authority=moj, actor=actor, signatory_name="Someone")
    assert not HouseStyle.objects.exists()
    set_house_style(authority=moj, actor=site_admin, signatory_name="Olena Kovalenko")
    assert HouseStyle.objects.get(authority=moj).signatory_name == "Olena Kovalenko"


def test_each_change_is_audited_with_what_identifies_the_files(moj, admin):
    logo = factories.png_logo()
    set_house_style(
        authority=moj,
        actor=admin,
        signatory_name="Olena Kovalenko",
        signatory_function="Deputy Minister of Justice",
        logo=logo,
        template=DEFAULT_TEMPLATE.read_bytes(),
        template_name="house.docx",
    )
    created = AuditEntry.objects.latest("id")
    assert (created.action, created.object_type) == (Action.CREATE, "drafting.housestyle")
    assert created.object_id == str(moj.pk)
    assert created.owner_id == str(moj.pk)
    assert created.country_id == "UKR"
    assert created.before is None
    assert created.after["signatory_function"] == "Deputy Minister of Justice"
    assert created.after["logo"]["bytes"] == len(logo)
    assert created.after["logo"]["type"] == "image/png"
    assert created.after["template"]["name"] == "house.docx"
    assert len(created.after["template"]["sha256"]) == 64

    set_house_style(authority=moj, actor=admin, remove_logo=True, remove_template=True)
    removed = AuditEntry.objects.latest("id")
    assert removed.action == Action.UPDATE
    assert removed.before["logo"] is not None and removed.after["logo"] is None
    assert removed.after["template"] is None
    style = HouseStyle.objects.get(authority=moj)
    assert (bytes(style.logo), style.logo_type, bytes(style.template)) == (b"", "", b"")

    count = AuditEntry.objects.count()
    set_house_style(authority=moj, actor=admin, signatory_name="Olena Kovalenko")
    assert AuditEntry.objects.count() == count, "no change, no entry"


def test_a_truncated_logo_is_refused_after_weasyprint_was_imported(moj, admin):
    """WeasyPrint makes Pillow accept truncated images for the whole process; the web process
    imports it before its first download."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    problems = refused(moj, admin, logo=factories.png_logo()[:200], signatory_name="O. K.")
    assert "not a PNG or JPEG image" in problems["logo"]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # put back for WeasyPrint
