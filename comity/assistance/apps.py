from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "comity.assistance"
    label = "assistance"
