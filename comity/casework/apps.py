from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "comity.casework"
    label = "casework"
