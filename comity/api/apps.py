from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "comity.api"
    label = "api"
