from django.urls import path

from comity.drafting import views

app_name = "drafting"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("import/", views.request_import, name="import"),
    path("<uuid:pk>/compare/", views.request_compare, name="compare"),
    path("<uuid:pk>/transition/", views.request_transition, name="transition"),
    path("<uuid:pk>/export/", views.request_export, name="export"),
    path("<uuid:pk>/checks/<slug:step>/", views.live_checks, name="live_checks"),
    path("<uuid:pk>/<slug:step>/", views.request_step, name="step"),
]
