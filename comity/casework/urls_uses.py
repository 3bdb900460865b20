"""The addresses of a case's conditions on use, files and sharing (included by urls.py)."""

from django.urls import path

from comity.casework.views import files, sharing, uses

urlpatterns = [
    path("<uuid:pk>/conditions/", uses.case_conditions, name="conditions"),
    path("<uuid:pk>/files/", files.case_files, name="files"),
    path("<uuid:pk>/files/<uuid:file_pk>/", files.case_file, name="file"),
    path("<uuid:pk>/sharing/", sharing.case_sharing, name="sharing"),
]
