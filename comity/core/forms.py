"""Base classes for every form of comity: their text fields obey comity.core.text."""

from django import forms

from comity.core.text import validate_line, validate_text


def _apply_text_rules(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            multi_line = isinstance(field.widget, forms.Textarea)
            field.validators.append(validate_text if multi_line else validate_line)


class CheckedForm(forms.Form):
    """A form whose text fields refuse control characters, and in one-line fields line breaks and
    bidirectional controls, with a message beside the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _apply_text_rules(self)


class CheckedModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _apply_text_rules(self)
