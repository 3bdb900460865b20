from django.urls import path

from comity.casework.views import letters

urlpatterns = [
    path("<uuid:pk>/status-enquiry/", letters.status_enquiry, name="status_enquiry"),
]
