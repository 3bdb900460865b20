from django.urls import path

from comity.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.authority_list, name="authority_list"),
    path("new/", views.authority_create, name="authority_create"),
    path("<uuid:pk>/", views.authority_detail, name="authority_detail"),
    path("<uuid:pk>/edit/", views.authority_edit, name="authority_edit"),
    path("<uuid:pk>/delete/", views.authority_delete, name="authority_delete"),
    path("<uuid:pk>/vcard/", views.authority_vcard, name="authority_vcard"),
    path("states/", views.country_list, name="country_list"),
    path("compare/", views.compare, name="compare"),
    path("networks/", views.network_list, name="network_list"),
    path("networks/<slug:code>/", views.network_detail, name="network_detail"),
    path("networks/<slug:code>/members/add/", views.network_member_add, name="network_member_add"),
    path(
        "networks/<slug:code>/members/<int:member_id>/remove/",
        views.network_member_remove,
        name="network_member_remove",
    ),
]
