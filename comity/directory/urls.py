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
    path("<uuid:pk>/letterhead/", views.letterhead, name="letterhead"),
    path("<uuid:pk>/letterhead/logo/", views.letterhead_logo, name="letterhead_logo"),
    path("<uuid:pk>/letterhead/template/", views.letterhead_template, name="letterhead_template"),
    path(
        "<uuid:pk>/letterhead/default-template/",
        views.letterhead_default_template,
        name="letterhead_default_template",
    ),
    path("states/", views.country_list, name="country_list"),
    path("compare/", views.compare, name="compare"),
]
