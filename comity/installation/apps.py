from django.apps import AppConfig


class InstallationConfig(AppConfig):
    name = "comity.installation"
    label = "installation"
