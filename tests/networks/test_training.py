"""Training: courses, sessions, enrolments, attendance, certificates of attendance and
evaluations, through the services and the PDF as a reader gets it."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.core.exceptions import PermissionDenied

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.directory import services as directory_services
from comity.networks import certificates, training
from comity.networks import training_selectors as selectors
from comity.networks.models import Course, Enrolment, Evaluation, Event, Secretary
from comity.networks.vocabulary import MeetingKind
from tests import factories

ACCRA = ZoneInfo("Africa/Accra")
KYIV = ZoneInfo("Europe/Kyiv")


@dataclass
class Training:
    network: object
    secretary: object
    member: object
    outsider: object
    course: Course
    sessions: list
    ama: Enrolment
    kofi: Enrolment
    olena: Enrolment
    trainer: Enrolment


def build_training(*, attendance: bool = True) -> Training:
    """WACAP (Ghana a member), its secretary, a course of three sessions, three trainees and a
    trainer; Ama present at two sessions, Olena at one, Kofi at none."""
    gha = factories.AuthorityFactory(country=factories.country("GHA"), name="Ghana CA")
    deu = factories.AuthorityFactory(country=factories.country("DEU"), name="BfJ")
    factories.country("UKR")
    network = directory_services.save_network(
        code="wacap",
        data={"name": "WACAP", "source": "https://example.org"},
        actor=None,
    )
    directory_services.add_network_member(
        network=network,
        country_id="GHA",
        role="focal_point",
        source="letter",
        actor=None,
        authority=gha,
        person_name="Focal point GHA",
        email="focal.gha@example.org",
    )
    secretary = factories.UserFactory(authority=None, role=Role.OFFICER)
    Secretary.objects.create(network=network, user=secretary)
    member = factories.UserFactory(authority=gha, role=Role.OFFICER)
    outsider = factories.UserFactory(authority=deu, role=Role.OFFICER)
    course = training.create_course(
        network=network,
        data={"title": "Mutual legal assistance in practice", "hours": "12.5", "language": "en"},
        actor=secretary,
    )
    sessions = [
        training.add_session(
            course=course,
            title=title,
            start=datetime.datetime(2025, 3, day, 9, 0, tzinfo=ACCRA),
            end=datetime.datetime(2025, 3, day, 17, 0, tzinfo=ACCRA),
            time_zone="Africa/Accra",
            place=place,
            actor=secretary,
        )
        for title, day, place in (
            ("Drafting a request", 10, "Accra, Law School"),
            ("Electronic evidence", 11, "Accra, Law School"),
            ("Extradition", 12, "Lagos"),
        )
    ]
    ama = training.enrol(
        course=course,
        actor=secretary,
        name="Ama Mensah",
        email="ama@example.org",
        authority="Office of the Attorney-General",
        country="GHA",
    )
    kofi = training.enrol(course=course, actor=secretary, name="Kofi Boateng", country="GHA")
    olena = training.enrol(
        course=course,
        actor=secretary,
        name="Олена Коваль",
        authority="Офіс Генерального прокурора",
        country="UKR",
        user=member,
    )
    trainer = training.enrol(
        course=course, actor=secretary, role="trainer", name="Jean Dupont", country=""
    )
    if attendance:
        training.record_attendance(
            course=course,
            marks={
                (ama.pk, sessions[0].pk): "present",
                (ama.pk, sessions[1].pk): "present",
                (ama.pk, sessions[2].pk): "absent",
                (kofi.pk, sessions[0].pk): "absent",
                (kofi.pk, sessions[1].pk): "excused",
                (olena.pk, sessions[2].pk): "present",
            },
            actor=secretary,
        )
    return Training(
        network, secretary, member, outsider, course, sessions, ama, kofi, olena, trainer
    )


@pytest.fixture
def world(db):
    return build_training()


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_session_is_a_training_event_of_the_course_in_its_network(world):
    session = world.sessions[0]
    assert session.kind == MeetingKind.TRAINING
    assert session.course == world.course
    assert session.network == world.network
    assert session.start == datetime.datetime(2025, 3, 10, 9, 0, tzinfo=ACCRA)
    assert list(world.course.sessions.order_by("start")) == world.sessions


def test_a_session_needs_aware_times_and_a_known_zone(world):
    naive = datetime.datetime(2025, 3, 10, 9, 0)
    with pytest.raises(training.TrainingInputError) as caught:
        training.add_session(
            course=world.course,
            title="x",
            start=naive,
            end=naive,
            time_zone="Mars/Olympus",
            actor=world.secretary,
        )
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"start", "end", "time_zone"}


def test_the_certificate_names_the_trainee_the_course_and_the_sessions_attended(world):
    text = pdf_text(certificates.certificate_pdf(world.ama, language="en"))
    assert "Certificate of attendance" in text
    assert "Ama Mensah" in text
    assert "Office of the Attorney-General" in text
    assert "Ghana" in text
    assert "Mutual legal assistance in practice" in text
    assert "WACAP" in text
    assert "Sessions attended: 2 of 3" in text
    assert "2025-03-10" in text and "2025-03-11" in text
    assert "2025-03-12" not in text  # absent from the third session
    assert "Accra, Law School" in text and "Lagos" not in text
    assert "12.5" in text
    assert f"TRN-{world.course.pk}-{world.ama.pk}" in text
    assert "The secretariat of WACAP" in text


def test_the_certificate_in_ukrainian_names_the_state_in_ukrainian(world):
    text = pdf_text(certificates.certificate_pdf(world.olena, language="uk"))
    assert "Олена Коваль" in text
    assert "Офіс Генерального прокурора" in text
    assert "Україна" in text  # the State's name in the certificate's language
    assert "Mutual legal assistance in practice" in text
    assert "2025-03-12" in text and "Lagos" in text
    assert "2025-03-10" not in text


def test_the_certificate_in_arabic_is_written_right_to_left(world):
    data = certificates.certificate_pdf(world.olena, language="ar")
    text = pdf_text(data)
    assert "أوكرانيا" in text  # the State's name in Arabic
    assert "Олена Коваль" in text
    assert f"TRN-{world.course.pk}-{world.olena.pk}" in text
    with certificates.translation.override("ar"):
        html = certificates.render_to_string(
            certificates.TEMPLATE,
            {"certificates": [], "language": "ar", "direction": "rtl", "title": ""},
        )
    assert 'dir="rtl"' in html


def test_the_certificate_number_is_stable(world):
    first = pdf_text(certificates.certificate_pdf(world.ama, language="en"))
    again = pdf_text(certificates.certificate_pdf(world.ama, language="fr"))
    number = certificates.certificate_number(world.ama)
    assert number == f"TRN-{world.course.pk}-{world.ama.pk}"
    assert number in first and number in again


def test_no_certificate_for_a_trainee_who_attended_nothing(world):
    with pytest.raises(certificates.NoAttendance, match="Kofi Boateng attended no session"):
        certificates.certificate_pdf(world.kofi, language="en")
    with pytest.raises(certificates.NoAttendance):
        certificates.certificate_pdf(world.trainer, language="en")


def test_all_certificates_of_a_course_in_one_pdf(world):
    data = certificates.course_certificates_pdf(world.course, language="en")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2  # Ama and Olena; Kofi attended nothing
    text = pdf_text(data)
    assert "Ama Mensah" in text and "Олена Коваль" in text and "Kofi" not in text


def test_all_certificates_refused_when_nobody_attended(db):
    world = build_training(attendance=False)
    with pytest.raises(certificates.NoAttendance):
        certificates.course_certificates_pdf(world.course, language="en")


def test_the_evaluations_are_aggregated_per_question(world):
    for enrolment, relevance, overall, comment in (
        (world.ama, 5, 4, "Very practical."),
        (world.kofi, 3, 4, ""),
        (world.olena, 4, None, "Більше прикладів, будь ласка."),
    ):
        scores = {"relevance": relevance}
        if overall:
            scores["overall"] = overall
        training.submit_evaluation(
            course=world.course,
            enrolment=enrolment,
            scores=scores,
            comment=comment,
            actor=world.secretary,
        )
    summary = selectors.evaluation_summary(world.course)
    by_key = {q.key: q for q in summary.questions}
    assert summary.evaluations == 3
    assert by_key["relevance"].answers == 3
    assert by_key["relevance"].mean == Decimal("4.00")
    assert dict(by_key["relevance"].distribution) == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert by_key["overall"].answers == 2
    assert by_key["overall"].mean == Decimal("4.00")
    assert by_key["trainers"].answers == 0 and by_key["trainers"].mean is None
    assert sorted(summary.comments) == sorted(["Very practical.", "Більше прикладів, будь ласка."])


def test_one_evaluation_per_enrolment_with_scores_from_1_to_5(world):
    with pytest.raises(training.TrainingInputError) as caught:
        training.submit_evaluation(
            course=world.course,
            enrolment=world.ama,
            scores={"relevance": 6, "nonsense": 3},
            actor=world.secretary,
        )
    assert {e["field"] for e in caught.value.errors} == {"scores.relevance", "scores.nonsense"}
    training.submit_evaluation(
        course=world.course, enrolment=world.ama, scores={"overall": 5}, actor=world.secretary
    )
    with pytest.raises(training.TrainingInputError, match="already evaluated"):
        training.submit_evaluation(
            course=world.course, enrolment=world.ama, scores={"overall": 1}, actor=world.secretary
        )
    assert Evaluation.objects.filter(enrolment=world.ama).count() == 1


def test_a_trainee_evaluates_only_their_own_enrolment(world):
    # The member is Olena's comity account: they may fill in hers, not Ama's.
    training.submit_evaluation(
        course=world.course, enrolment=world.olena, scores={"overall": 4}, actor=world.member
    )
    with pytest.raises(PermissionDenied):
        training.submit_evaluation(
            course=world.course, enrolment=world.ama, scores={"overall": 4}, actor=world.member
        )


def test_a_csv_import_with_errors_enrols_nobody(world):
    before = (Enrolment.objects.count(), AuditEntry.objects.count())
    text = (
        "name,email,authority,country,role\n"
        "Esi Owusu,esi@example.org,Ghana Police,GHA,trainee\n"
        ",nobody@example.org,Somewhere,GHA,trainee\n"
        "Yaw Darko,not-an-address,EOCO,XXX,student\n"
        "Ama again,ama@example.org,,GHA,trainee\n"
    )
    with pytest.raises(training.TrainingInputError) as caught:
        training.import_enrolments(course=world.course, text=text, actor=world.secretary)
    problems = {(e["row"], e["field"]) for e in caught.value.errors}
    assert problems == {(3, "name"), (4, "email"), (4, "country"), (4, "role"), (5, "email")}
    assert (Enrolment.objects.count(), AuditEntry.objects.count()) == before


def test_a_clean_csv_import_enrols_everyone(world):
    text = (
        "Esi Owusu;esi@example.org;Ghana Police;GHA;trainee\n"
        "Yaw Darko;yaw@example.org;EOCO;gha;trainer\n"
    )
    created = training.import_enrolments(course=world.course, text=text, actor=world.secretary)
    assert [(e.name, e.country_id, e.role) for e in created] == [
        ("Esi Owusu", "GHA", "trainee"),
        ("Yaw Darko", "GHA", "trainer"),
    ]


def test_a_duplicate_address_in_the_same_file_is_refused(world):
    text = "A,same@example.org,,,\nB,SAME@example.org,,,\n"
    with pytest.raises(training.TrainingInputError) as caught:
        training.import_enrolments(course=world.course, text=text, actor=world.secretary)
    assert [(e["row"], e["field"]) for e in caught.value.errors] == [(2, "email")]


def test_attendance_only_for_trainees_and_sessions_of_the_course(world):
    other = training.create_course(
        network=world.network, data={"title": "Other"}, actor=world.secretary
    )
    stranger = training.enrol(course=other, actor=world.secretary, name="Stranger")
    with pytest.raises(training.TrainingInputError):
        training.record_attendance(
            course=world.course,
            marks={(stranger.pk, world.sessions[0].pk): "present"},
            actor=world.secretary,
        )
    with pytest.raises(training.TrainingInputError):
        training.record_attendance(
            course=world.course,
            marks={(world.trainer.pk, world.sessions[0].pk): "present"},
            actor=world.secretary,
        )
    changed = training.record_attendance(
        course=world.course,
        marks={
            (world.kofi.pk, world.sessions[0].pk): "present",
            (world.ama.pk, world.sessions[2].pk): "",
        },
        actor=world.secretary,
    )
    assert changed == 2
    assert selectors.marks(world.course).get((world.ama.pk, world.sessions[2].pk)) is None


def test_materials_are_library_documents_the_actor_may_read(world):
    from comity.library import services as library_services

    public = library_services.create(
        actor=None,
        data={"type": "publication", "title": "MLA manual", "language": "en", "access": "public"},
    )
    training.add_material(course=world.course, document_id=public.pk, actor=world.secretary)
    assert list(world.course.materials.all()) == [public]
    with pytest.raises(training.TrainingInputError):
        training.add_material(course=world.course, document_id=999_999, actor=world.secretary)
    training.remove_material(course=world.course, document_id=public.pk, actor=world.secretary)
    assert not world.course.materials.exists()


def test_only_the_secretariat_creates_a_course_of_its_network(world):
    with pytest.raises(PermissionDenied):
        training.create_course(network=world.network, data={"title": "X"}, actor=world.member)
    with pytest.raises(PermissionDenied):
        training.create_course(network=None, data={"title": "X"}, actor=world.secretary)


def test_courses_are_seen_by_members_and_not_by_outsiders(world):
    assert list(Course.objects.restrict(world.member)) == [world.course]
    assert not Course.objects.restrict(world.outsider).exists()
    assert not Course.objects.restrict(world.member, "change").exists()
    assert list(Course.objects.restrict(world.secretary, "change")) == [world.course]


def test_every_write_is_audited(world):
    types = set(AuditEntry.objects.values_list("object_type", flat=True))
    assert {"networks.course", "networks.event", "networks.enrolment"} <= types
    assert Event.objects.filter(course=world.course).count() == 3
