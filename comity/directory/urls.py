from django.urls import path

from comity.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.authority_list, name="authority_list"),
    path("states/", views.country_list, name="country_list"),
    path("networks/", views.network_list, name="network_list"),
    path("compare/", views.compare, name="compare"),
]
