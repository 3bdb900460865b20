from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "comity.liaison"
    label = "liaison"
