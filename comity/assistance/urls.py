from django.urls import path, re_path

from comity.assistance.views import parts, projects

app_name = "assistance"

PART = r"^(?P<pk>[0-9]{1,18})/(?P<kind>objectives|activities|partners|budget|indicators|reports)/"
ID = r"(?P<part_pk>[0-9]{1,18})"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_new, name="new"),
    path("export.csv", projects.export_csv, name="export"),
    path("<int:pk>/", projects.project_page, name="project"),
    path("<int:pk>/edit/", projects.project_edit, name="edit"),
    path("<int:pk>/transition/", projects.project_transition, name="transition"),
    path("<int:pk>/export.json", projects.export_json, name="export_json"),
    re_path(PART + r"new/$", parts.part_new, name="part_new"),
    re_path(PART + ID + r"/edit/$", parts.part_edit, name="part_edit"),
    re_path(PART + ID + r"/delete/$", parts.part_delete, name="part_delete"),
]
