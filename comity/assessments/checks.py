"""`manage.py check` reports every questionnaire file that cannot be used, and why."""

from django.core import checks

from comity.assessments import questionnaires


@checks.register("comity")
def questionnaire_files(app_configs=None, **kwargs):
    _, errors = questionnaires.scan()
    return [
        checks.Error(
            str(error),
            hint="Correct the file (docs/ASSESSMENTS.md describes its shape).",
            obj=str(error.path),
            id="assessments.E001",
        )
        for error in errors
    ]
