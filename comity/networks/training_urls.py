"""The training pages, included by comity.networks.urls (namespace "networks")."""

from django.urls import path

from comity.networks.views import training

urlpatterns = [
    path("courses/", training.course_list, name="course_list"),
    path("courses/new/", training.course_new, name="course_new"),
    path("courses/<int:pk>/", training.course, name="course"),
    path("courses/<int:pk>/edit/", training.course_edit, name="course_edit"),
    path("courses/<int:pk>/sessions/new/", training.course_session_new, name="course_session_new"),
    path("courses/<int:pk>/materials/", training.course_materials, name="course_materials"),
    path(
        "courses/<int:pk>/materials/<int:document_pk>/remove/",
        training.course_material_remove,
        name="course_material_remove",
    ),
    path("courses/<int:pk>/enrolments/new/", training.course_enrol, name="course_enrol"),
    path("courses/<int:pk>/enrolments/import/", training.course_import, name="course_import"),
    path(
        "courses/<int:pk>/enrolments/<int:enrolment_pk>/remove/",
        training.course_enrolment_remove,
        name="course_enrolment_remove",
    ),
    path("courses/<int:pk>/attendance/", training.course_attendance, name="course_attendance"),
    path("courses/<int:pk>/evaluation/", training.course_evaluate, name="course_evaluate"),
    path("courses/<int:pk>/results/", training.course_results, name="course_results"),
    path(
        "courses/<int:pk>/certificates/<int:enrolment_pk>.pdf",
        training.course_certificate,
        name="course_certificate",
    ),
    path(
        "courses/<int:pk>/certificates.pdf",
        training.course_certificates,
        name="course_certificates",
    ),
]
