from django.urls import path

from comity.casework import urls_letters, urls_notifications, urls_statistics, urls_uses
from comity.casework.views import uses

app_name = "casework"

urlpatterns = [
    path("<uuid:pk>/", uses.case_detail, name="detail"),
    *urls_statistics.urlpatterns,
    *urls_notifications.urlpatterns,
    *urls_letters.urlpatterns,
    *urls_uses.urlpatterns,
]
