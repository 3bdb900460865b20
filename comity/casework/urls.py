from django.urls import path

from comity.casework.views import case, edit, incoming, outgoing, register

app_name = "casework"

urlpatterns = [
    path("", register.case_list, name="list"),
    path("overdue/", register.overdue_list, name="overdue"),
    path("new/", incoming.case_new, name="new"),
    path("import/", incoming.case_import, name="import"),
    path("send/<uuid:request_pk>/", outgoing.case_send, name="send"),
    path("<uuid:pk>/", case.case_detail, name="detail"),
    path("<uuid:pk>/edit/", edit.case_edit, name="edit"),
    path("<uuid:pk>/transition/", case.case_transition, name="transition"),
    path("<uuid:pk>/consult/", case.case_consult, name="consult"),
    path("<uuid:pk>/note/", case.case_note, name="note"),
]
