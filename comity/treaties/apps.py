from django.apps import AppConfig


class TreatiesConfig(AppConfig):
    name = "comity.treaties"
    label = "treaties"
