from django.urls import path

from comity.assessments.views import assessment, files, heatmap, listing

app_name = "assessments"

urlpatterns = [
    path("", listing.assessment_list, name="list"),
    path("new/", listing.assessment_new, name="new"),
    path("map/<slug:code>/", heatmap.network_map, name="map"),
    path("<int:pk>/", assessment.assessment_page, name="assessment"),
    path("<int:pk>/status/", assessment.assessment_transition, name="transition"),
    path("<int:pk>/import/", assessment.assessment_import, name="import"),
    path("<int:pk>/export.json", files.assessment_export, name="export"),
    path("<int:pk>/report.<str:fmt>", files.assessment_report, name="report"),
]
