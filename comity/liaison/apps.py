from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "comity.liaison"
    label = "liaison"

    def ready(self):
        from comity.liaison import checks  # noqa: F401  (registers the system check)
