from django.urls import path

from comity.treaties import views

app_name = "treaties"

urlpatterns = [
    path("treaties/", views.instrument_list, name="instrument_list"),
    path("treaties/new-bilateral/", views.bilateral_new, name="bilateral_new"),
    path("treaties/<str:code>/", views.instrument_detail, name="instrument_detail"),
    path("states/<str:iso3>/", views.country_detail, name="country_detail"),
    path("states/<str:iso3>/requirements/<str:kind>/", views.profile_edit, name="profile_edit"),
    path("legal-basis/", views.legal_basis_page, name="legal_basis"),
    path("legal-basis/matrix/", views.matrix_page, name="matrix"),
]
