"""Matrix rows of training (tests/networks/matrix.py): a WACAP course with two sessions, a trainee
present at one (Ama), a trainee who attended nothing (Kofi) and a library document as material.
Courses are seen by WACAP's members and secretariat and run by the secretariat."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from comity.library import services as library_services
from comity.networks import training
from tests.networks.matrix import (
    API_NETWORK_READ,
    API_SECRETARIAT_WRITE,
    API_SIGNED_IN,
    NETWORK_READ,
    SECRETARIAT_WRITE,
    SIGNED_IN,
    api,
    get,
    post,
)

UTC = datetime.UTC
AMA_EMAIL = "ama.matrix@example.org"


def values(world) -> dict:
    secretary = world.people["secretary"]
    course = training.create_course(
        network=world.network,
        data={"title": "Matrix course", "hours": "8"},
        actor=secretary,
    )
    sessions = [
        training.add_session(
            course=course,
            title=f"Day {day}",
            start=datetime.datetime(2025, 5, day, 9, tzinfo=UTC),
            end=datetime.datetime(2025, 5, day, 17, tzinfo=UTC),
            place="Accra",
            actor=secretary,
        )
        for day in (5, 6)
    ]
    ama = training.enrol(
        course=course, actor=secretary, name="Ama Matrix", email=AMA_EMAIL, country="GHA"
    )
    kofi = training.enrol(course=course, actor=secretary, name="Kofi Matrix", country="GHA")
    training.record_attendance(
        course=course, marks={(ama.pk, sessions[0].pk): "present"}, actor=secretary
    )
    document = library_services.create(
        actor=None,
        data={"type": "publication", "title": "Training manual", "language": "en"},
    )
    training.add_material(course=course, document_id=document.pk, actor=secretary)
    other = library_services.create(
        actor=None,
        data={"type": "publication", "title": "Another manual", "language": "en"},
    )
    return {
        "course": course,
        "sessions": sessions,
        "ama": ama,
        "kofi": kofi,
        "material": document,
        "other_document": other,
    }


def _course(w, tail: str = "") -> str:
    return f"/networks/courses/{w.values['course'].pk}/{tail}"


def _api(w, tail: str = "") -> str:
    return f"/api/v1/courses/{w.values['course'].pk}{tail}"


def _session_form(w):
    return {
        "title": "Day 3",
        "start": "2025-05-07T09:00",
        "end": "2025-05-07T17:00",
        "time_zone": "Africa/Accra",
        "place": "Accra",
    }


def _attendance(w):
    ama, kofi = w.values["ama"], w.values["kofi"]
    first, second = w.values["sessions"]
    return {
        f"a-{ama.pk}-{first.pk}": "present",
        f"a-{ama.pk}-{second.pk}": "present",
        f"a-{kofi.pk}-{first.pk}": "absent",
        f"a-{kofi.pk}-{second.pk}": "",
    }


def _csv(w):
    text = (
        "name,email,authority,country,role\nEsi Matrix,esi.matrix@example.org,Police,GHA,trainee\n"
    )
    return {"file": SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")}


def _evaluation(w):
    return {"enrolment": str(w.values["kofi"].pk), "q_overall": "4", "comment": "Useful."}


W = SECRETARIAT_WRITE
AW = API_SECRETARIAT_WRITE

PAGES = {
    "networks:course_list": [get(lambda w: "/networks/courses/", SIGNED_IN)],
    "networks:course_new": [
        get(lambda w: "/networks/courses/new/", W.format(ok=200)),
        post(
            lambda w: "/networks/courses/new/",
            W.format(ok=302),
            data=lambda w: {"network": "wacap", "title": "New course", "language": "en"},
        ),
    ],
    "networks:course": [
        get(
            _course,
            NETWORK_READ,
            note="e-mail addresses only for the secretariat",
            hidden_from=("member", "member_admin", "other_member"),
            hidden_text=lambda w: AMA_EMAIL,
        )
    ],
    "networks:course_edit": [
        get(lambda w: _course(w, "edit/"), W.format(ok=200)),
        post(
            lambda w: _course(w, "edit/"),
            W.format(ok=302),
            data=lambda w: {"title": "Matrix course, edited", "language": "fr", "hours": "9"},
        ),
    ],
    "networks:course_session_new": [
        get(lambda w: _course(w, "sessions/new/"), W.format(ok=200)),
        post(lambda w: _course(w, "sessions/new/"), W.format(ok=302), data=_session_form),
    ],
    "networks:course_materials": [
        post(
            lambda w: _course(w, "materials/"),
            W.format(ok=302),
            data=lambda w: {"document": str(w.values["other_document"].pk)},
        )
    ],
    "networks:course_material_remove": [
        post(
            lambda w: _course(w, f"materials/{w.values['material'].pk}/remove/"),
            W.format(ok=302),
        )
    ],
    "networks:course_enrol": [
        get(lambda w: _course(w, "enrolments/new/"), W.format(ok=200)),
        post(
            lambda w: _course(w, "enrolments/new/"),
            W.format(ok=302),
            data=lambda w: {"role": "trainee", "name": "Yaw Matrix", "country": "GHA"},
        ),
    ],
    "networks:course_import": [
        get(lambda w: _course(w, "enrolments/import/"), W.format(ok=200)),
        post(lambda w: _course(w, "enrolments/import/"), W.format(ok=302), data=_csv),
    ],
    "networks:course_enrolment_remove": [
        post(
            lambda w: _course(w, f"enrolments/{w.values['kofi'].pk}/remove/"),
            W.format(ok=302),
        )
    ],
    "networks:course_attendance": [
        get(lambda w: _course(w, "attendance/"), W.format(ok=200)),
        post(lambda w: _course(w, "attendance/"), W.format(ok=302), data=_attendance),
    ],
    "networks:course_evaluate": [
        get(lambda w: _course(w, "evaluation/"), W.format(ok=200)),
        post(lambda w: _course(w, "evaluation/"), W.format(ok=302), data=_evaluation),
    ],
    "networks:course_results": [get(lambda w: _course(w, "results/"), NETWORK_READ)],
    "networks:course_certificate": [
        get(
            lambda w: _course(w, f"certificates/{w.values['ama'].pk}.pdf?lang=en"),
            W.format(ok=200),
        )
    ],
    "networks:course_certificates": [
        get(lambda w: _course(w, "certificates.pdf?lang=fr"), W.format(ok=200))
    ],
}

API = {
    "GET /api/v1/courses": [api("get", lambda w: "/api/v1/courses", API_SIGNED_IN)],
    "POST /api/v1/courses": [
        api(
            "post",
            lambda w: "/api/v1/courses",
            "401 403 403 403 403 201 201",
            data=lambda w: {"network": "wacap", "title": "API course", "hours": "6"},
        )
    ],
    "GET /api/v1/courses/{course_id}": [
        api(
            "get",
            _api,
            API_NETWORK_READ,
            hidden_from=("member", "member_admin", "other_member"),
            hidden_text=lambda w: AMA_EMAIL,
        )
    ],
    "PATCH /api/v1/courses/{course_id}": [
        api("patch", _api, AW.format(ok=200), data=lambda w: {"title": "Renamed", "hours": "10"})
    ],
    "POST /api/v1/courses/{course_id}/sessions": [
        api(
            "post",
            lambda w: _api(w, "/sessions"),
            AW.format(ok=201),
            data=lambda w: {
                "title": "Day 3",
                "start": "2025-05-07T09:00:00+00:00",
                "end": "2025-05-07T17:00:00+00:00",
                "time_zone": "UTC",
            },
        )
    ],
    "POST /api/v1/courses/{course_id}/enrolments": [
        api(
            "post",
            lambda w: _api(w, "/enrolments"),
            AW.format(ok=201),
            data=lambda w: {"name": "Yaw API", "country": "GHA", "role": "trainer"},
        )
    ],
    "POST /api/v1/courses/{course_id}/attendance": [
        api(
            "post",
            lambda w: _api(w, "/attendance"),
            AW.format(ok=200),
            data=lambda w: {
                "session": w.values["sessions"][1].pk,
                "enrolment": w.values["ama"].pk,
                "attendance": "present",
            },
        )
    ],
    "POST /api/v1/courses/{course_id}/evaluations": [
        api(
            "post",
            lambda w: _api(w, "/evaluations"),
            AW.format(ok=201),
            data=lambda w: {
                "enrolment": w.values["ama"].pk,
                "scores": {"overall": 5, "relevance": 4},
                "comment": "Good.",
            },
        )
    ],
    "GET /api/v1/courses/{course_id}/evaluations/summary": [
        api("get", lambda w: _api(w, "/evaluations/summary"), API_NETWORK_READ)
    ],
    "GET /api/v1/courses/{course_id}/certificates/{enrolment_id}": [
        api(
            "get",
            lambda w: _api(w, f"/certificates/{w.values['ama'].pk}?lang=ar"),
            AW.format(ok=200),
        )
    ],
}
