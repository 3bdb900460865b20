"""Base classes for every form of comity: their text fields obey comity.core.text."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

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


class LongSelect(forms.Select):
    """A <select> for long lists (the 250 States), written in one pass: Django's Select renders
    each option through a template, several milliseconds per list on every page that has one."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")
