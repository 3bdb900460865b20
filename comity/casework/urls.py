from django.urls import path

from comity.casework.views import (
    case,
    edit,
    files,
    incoming,
    letters,
    notifications,
    outgoing,
    register,
    sharing,
    statistics,
    uses,
)

app_name = "casework"

urlpatterns = [
    path("", register.case_list, name="list"),
    path("overdue/", register.overdue_list, name="overdue"),
    path("new/", incoming.case_new, name="new"),
    path("import/", incoming.case_import, name="import"),
    path("send/<uuid:request_pk>/", outgoing.case_send, name="send"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics.csv", statistics.statistics_csv, name="statistics_csv"),
    path("statistics.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("notifications/read/", notifications.notifications_read_all, name="notifications_read"),
    path("<uuid:pk>/", case.case_detail, name="detail"),
    path("<uuid:pk>/edit/", edit.case_edit, name="edit"),
    path("<uuid:pk>/transition/", case.case_transition, name="transition"),
    path("<uuid:pk>/consult/", case.case_consult, name="consult"),
    path("<uuid:pk>/note/", case.case_note, name="note"),
    path("<uuid:pk>/conditions/", uses.case_conditions, name="conditions"),
    path("<uuid:pk>/files/", files.case_files, name="files"),
    path("<uuid:pk>/files/<uuid:file_pk>/", files.case_file, name="file"),
    path("<uuid:pk>/sharing/", sharing.case_sharing, name="sharing"),
    path("<uuid:pk>/status-enquiry/", letters.status_enquiry, name="status_enquiry"),
]
