from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "comity.assessments"
    label = "assessments"

    def ready(self):
        from comity.assessments import checks  # noqa: F401  (registers the system check)
