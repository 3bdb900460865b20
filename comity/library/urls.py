from django.urls import path

from comity.library.views import document, edit, search, transfer

app_name = "library"

urlpatterns = [
    path("", search.search_page, name="search"),
    path("new/", edit.document_new, name="new"),
    path("import/", transfer.import_page, name="import"),
    path("export.jsonl", transfer.export_file, name="export"),
    path("<int:pk>/", document.document_page, name="document"),
    path("<int:pk>/file/", document.document_file, name="file"),
    path("<int:pk>/edit/", edit.document_edit, name="edit"),
    path("<int:pk>/delete/", edit.document_delete, name="delete"),
]
