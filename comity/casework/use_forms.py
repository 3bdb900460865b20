"""Forms of the pages on a case's conditions on use, its files and its sharing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comity.casework.vocabulary import AttachmentKind, ConditionKind, ConsentReply
from comity.core.forms import CheckedForm, fixed_enum, with_blank


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def day(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class ServiceErrorsMixin:
    """Puts a service's per-field errors beside the fields they are about."""

    def add_service_errors(self, errors: list[dict]) -> None:
        for error in errors:
            self.add_error(
                error["field"] if error["field"] in self.fields else None, error["message"]
            )


class ConditionForm(ServiceErrorsMixin, CheckedForm):
    kind = forms.ChoiceField(label=_("Kind of condition"))
    material = forms.CharField(
        label=_("Material covered"),
        max_length=300,
        help_text=_("What the condition covers, e.g. “bank records of account UA21…”."),
    )
    text = forms.CharField(
        label=_("The condition, as worded"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    provision = forms.CharField(
        label=_("Provision"),
        max_length=100,
        required=False,
        help_text=_("e.g. UNTOC art. 18(19), or the treaty's article."),
    )
    imposed_on = day(_("Set on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = fixed_enum(ConditionKind)


class LiftForm(ServiceErrorsMixin, CheckedForm):
    lifted_on = day(_("Lifted on"))
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentForm(ServiceErrorsMixin, CheckedForm):
    proceedings = forms.CharField(
        label=_("Proceedings"),
        max_length=300,
        help_text=_("Where the material is to be used, e.g. “case no. 12/2026, Kyiv court”."),
    )
    material = forms.CharField(
        label=_("Material"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to take the material of the condition chosen."),
    )
    condition = forms.ChoiceField(label=_("Condition"), required=False)
    requested_on = day(_("Asked on"))

    def __init__(self, *args, conditions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = with_blank(
            tuple((str(c.pk), str(c)) for c in conditions), _("— none in particular —")
        )


class ConsentReplyForm(ServiceErrorsMixin, CheckedForm):
    reply = forms.ChoiceField(label=_("Reply"), widget=forms.RadioSelect)
    replied_on = day(_("Replied on"))
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply"].choices = [
            (ConsentReply.GRANTED, ConsentReply.GRANTED.label),
            (ConsentReply.REFUSED, ConsentReply.REFUSED.label),
        ]


class UseQuestionForm(CheckedForm):
    proceedings = forms.CharField(
        label=_("Proceedings"),
        max_length=300,
        help_text=_("The proceedings you want to use the material in."),
    )
    material = forms.CharField(
        label=_("Material"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to ask about all the material of the case."),
    )


class AttachmentForm(ServiceErrorsMixin, CheckedForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, PNG, JPEG, TIFF or ZIP."),
    )
    kind = forms.ChoiceField(label=_("Kind of document"))
    title = forms.CharField(label=_("Title"), max_length=300)
    dated = day(_("Date of the document"))
    incoming = forms.TypedChoiceField(
        label=_("Direction"),
        choices=[("1", _("Received")), ("0", _("Sent"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = fixed_enum(AttachmentKind)


class ShareForm(ServiceErrorsMixin, CheckedForm):
    user = forms.ChoiceField(label=_("Colleague"))
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        required=False,
        help_text=_("e.g. “executes the search at the bank”."),
    )

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = with_blank(
            tuple(
                (
                    str(person.pk),
                    f"{person.get_full_name() or person.get_username()} — {person.authority.name}",
                )
                for person in colleagues
            )
        )
