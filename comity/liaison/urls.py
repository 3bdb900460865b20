from django.urls import path

from comity.liaison.views import boxes, compose, documents, message

app_name = "liaison"

urlpatterns = [
    path("", boxes.inbox, name="inbox"),
    path("export.csv", boxes.export, name="export"),
    path("new/", compose.compose, name="compose"),
    path("<int:pk>/", message.message, name="message"),
    path("<int:pk>/forward/", message.forward, name="forward"),
    path("<int:pk>/consent/", message.consent, name="consent"),
    path("<int:pk>/formal/", message.request_formally, name="formal"),
    path("<int:pk>/identity/", message.identity, name="identity"),
    path("<int:pk>/named/", message.name_user, name="name_user"),
    path("<int:pk>/named/<int:named_pk>/remove/", message.unname_user, name="unname_user"),
    path("<int:pk>/files/<int:attachment_pk>/", message.attachment, name="attachment"),
    path("<int:pk>/print/", documents.printable, name="print"),
    path("<int:pk>/pdf/", documents.pdf, name="pdf"),
]
