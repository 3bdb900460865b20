from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from comity.audit.models import Action
from comity.audit.selectors import LogFilters
from comity.core.forms import CheckedForm


def _type_label(object_type: str) -> str:
    """`directory.authority` -> "Authority" (the model's name in the user's language)."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return object_type


class LogFilterForm(CheckedForm):
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    actor = forms.CharField(
        label=_("Who"), required=False, max_length=200, help_text=_("Part of a name or user name.")
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action")), *Action.choices]
        self.fields["object_type"].choices = [
            ("", _("Any type")),
            *sorted(((t, _type_label(t)) for t in object_types), key=lambda c: str(c[1])),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date; swap them."))
        return cleaned

    def filters(self) -> LogFilters:
        """The filters to apply: the valid ones (an invalid field is shown with its error)."""
        if not self.is_bound:
            return LogFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        for key in ("actor", "object_id"):
            if key in data:
                data[key] = data[key].strip()
        return LogFilters(**data)
