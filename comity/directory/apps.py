from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "comity.directory"
    label = "directory"
