"""`manage.py check` refuses retention periods it cannot read."""

from django.core import checks

from comity.liaison.vocabulary import retention_errors


@checks.register("comity")
def retention_setting(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"COMITY_LIAISON_RETENTION: {pair!r} is not kind=days.",
            hint="Write e.g. request=1825,protection=3650 with kinds from docs/LIAISON.md.",
            id="liaison.E001",
        )
        for pair in retention_errors()
    ]
