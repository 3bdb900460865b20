from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "comity.library"
    label = "library"
