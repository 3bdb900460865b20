"""The site's URLs, with a stand-in for the case page (casework:detail) that reminders link to."""

from django.http import HttpResponse
from django.urls import include, path

from comity.casework import urls_letters, urls_notifications
from comity.urls import urlpatterns as site


def case_page(request, pk):
    return HttpResponse(str(pk))


cases = [
    path("<uuid:pk>/", case_page, name="detail"),
    *urls_notifications.urlpatterns,
    *urls_letters.urlpatterns,
]

urlpatterns = [path("cases/", include((cases, "casework"))), *site]
