"""Base classes for every form of comity: their text fields obey comity.core.text."""

from functools import lru_cache
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from comity.core.text import validate_line, validate_text


def _apply_text_rules(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            multi_line = isinstance(field.widget, forms.Textarea)
            field.validators.append(validate_text if multi_line else validate_line)


def _apply_help_anchors(form) -> None:
    for name, anchor in form.help_anchors.items():
        form.fields[name].help_anchor = anchor


class CheckedForm(forms.Form):
    """A form whose text fields refuse control characters, and in one-line fields line breaks and
    bidirectional controls, with a message beside the field.

    `help_anchors` maps a field's name to the id of its term on the help page (/help/#id);
    web/_field.html links the field to it.
    """

    help_anchors: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _apply_text_rules(self)
        _apply_help_anchors(self)


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
        choices = self.choices
        escaped = (
            choices.escaped() if isinstance(choices, FixedChoices) else escaped_options(choices)
        )
        return mark_safe(f"<select{flatatt(final)}>{option_tags(escaped, chosen)}</select>")


def escaped_options(choices) -> list[tuple[str, str, str]]:
    """(value, '<option value="…"', '>label</option>') of each choice: escape a list once, then
    write it with option_tags() as often as needed."""
    return [
        (str(key), f'<option value="{escape(str(key))}"', f">{escape(str(label))}</option>")
        for key, label in choices
    ]


def option_tags(escaped, chosen) -> str:
    """The <option> elements of escaped_options(), those whose value is in `chosen` selected."""
    return "".join(
        f"{start} selected{end}" if key in chosen else start + end for key, start, end in escaped
    )


class FixedChoices(BaseChoiceIterator):
    """Choices given as finished (value, label) pairs and taken as they are.

    A plain list is normalized again (every pair looked at) each time a form sets it, and copied
    with each form: for the 250 States, a noticeable part of every page with such a list.
    """

    def __init__(self, pairs):
        self._pairs = tuple(pairs)
        self._escaped = None

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)

    def __deepcopy__(self, memo):
        return self  # immutable

    def escaped(self) -> list[tuple[str, str, str]]:
        if self._escaped is None:
            self._escaped = escaped_options(self._pairs)
        return self._escaped


def with_blank(pairs, blank: str = "—") -> FixedChoices:
    """`pairs` after an empty choice labelled `blank`, for a select that may be left empty.

    The same list (the States in one language) gives the same object, escaped once per process.
    """
    return _fixed((("", str(blank)), *pairs))


def fixed(pairs) -> FixedChoices:
    """`pairs` (value, label) as FixedChoices, labels translated into the active language: the
    same list gives the same object, escaped once per process."""
    return _fixed(tuple((str(value), str(label)) for value, label in pairs))


def fixed_enum(choices_class) -> FixedChoices:
    """fixed() of a TextChoices class in the active language, made once per class and language."""
    return _fixed_enum(choices_class, get_language() or "")


@lru_cache(maxsize=128)
def _fixed_enum(choices_class, _language: str) -> FixedChoices:
    return fixed(choices_class.choices)


def fixed_states(pairs: tuple[tuple[str, str], ...]) -> FixedChoices:
    """fixed() for a tuple of (code, name) strings that is already final, such as
    geo.selectors.country_choices(): looked up without copying its 250 pairs."""
    return _fixed(pairs)


@lru_cache(maxsize=128)
def _fixed(pairs: tuple) -> FixedChoices:
    return FixedChoices(pairs)
