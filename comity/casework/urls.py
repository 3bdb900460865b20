from django.urls import path

from comity.casework import urls_uses
from comity.casework.views import uses

app_name = "casework"

urlpatterns = [
    path("<uuid:pk>/", uses.case_detail, name="detail"),
    *urls_uses.urlpatterns,
]
