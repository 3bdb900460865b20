"""The forms of the project pages: filters, a project, and each of its parts. They check what a
form can check; the services check the rest and their messages are put beside the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comity.assistance import services
from comity.assistance.vocabulary import ActivityKind, ActivityStatus, PartnerRole, ProjectStatus
from comity.core.forms import CheckedForm, LongSelect, fixed_enum, fixed_states, with_blank
from comity.geo.selectors import country_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERROR = {"invalid": _("Give a date as YYYY-MM-DD.")}
NUMBER_ERROR = {
    "invalid": _("Give a number, e.g. 1500 or 1500.50."),
    "max_digits": _("Too many digits: at most 12 before the decimal point."),
    "max_decimal_places": _("At most 2 digits after the decimal point."),
}


def _date(label, required=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        input_formats=["%Y-%m-%d"],
        error_messages=DATE_ERROR,
    )


def _figure(label, required=True, **kw):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        error_messages=NUMBER_ERROR,
        **kw,
    )


class FilterForm(CheckedForm):
    state = forms.ChoiceField(label=_("State"), required=False, widget=LongSelect)
    network = forms.ChoiceField(label=_("Network"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = with_blank(country_choices(), _("All States"))
        self.fields["network"].choices = [("", _("All networks"))] + [
            (n.code, n.name) for n in networks
        ]
        self.fields["status"].choices = [("", _("Any status")), *fixed_enum(ProjectStatus)]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name) or "" for name in ("state", "network", "status")}


class ProjectForm(CheckedForm):
    state = forms.ChoiceField(label=_("State assisted"), widget=LongSelect)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    network = forms.ChoiceField(
        label=_("Network"),
        required=False,
        help_text=_("The network that runs the project; its secretariat may change it."),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        min_length=3,
        initial="USD",
        help_text=_("ISO 4217 code of the budget's currency, e.g. USD, EUR, GHS."),
    )
    start = _date(_("Start"))
    end = _date(_("End"))
    gaps = forms.MultipleChoiceField(
        label=_("Gaps the project addresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, states=None, networks=(), gaps=(), **kwargs):
        super().__init__(*args, **kwargs)
        if states is None:
            del self.fields["state"]
        else:
            self.fields["state"].choices = with_blank(fixed_states(states))
        self.fields["network"].choices = [("", _("None"))] + [(n.code, n.name) for n in networks]
        self.gap_rows = list(gaps)
        self.fields["gaps"].choices = [(str(g.answer.pk), g.text) for g in self.gap_rows]

    def gap_options(self) -> list:
        """(checkbox, gap) for each gap offered, in order."""
        return list(zip(self["gaps"], self.gap_rows, strict=True))

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "network": data.get("network") or None,
            "currency": data["currency"].upper(),
            "start": data.get("start").isoformat() if data.get("start") else None,
            "end": data.get("end").isoformat() if data.get("end") else None,
            "gaps": [int(pk) for pk in data.get("gaps", [])],
        }


class ObjectiveForm(CheckedForm):
    text = forms.CharField(label=_("Objective"), max_length=5000, widget=forms.Textarea)
    gaps = forms.MultipleChoiceField(
        label=_("Gaps it addresses"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one of the project's gaps.")},
    )

    def __init__(self, *args, gaps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gaps"].choices = [(str(g.answer.pk), g.text) for g in gaps]

    def data_for_service(self):
        return {
            "text": self.cleaned_data["text"],
            "gaps": [int(g) for g in self.cleaned_data["gaps"]],
        }


class ActivityForm(CheckedForm):
    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=300)
    start = _date(_("Start"))
    end = _date(_("End"))
    status = forms.ChoiceField(label=_("Status"))
    event = forms.ChoiceField(
        label=_("Meeting or course session"),
        required=False,
        help_text=_("A meeting of the network this activity is held at, if any."),
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = fixed_enum(ActivityKind)
        self.fields["status"].choices = fixed_enum(ActivityStatus)
        self.fields["event"].choices = [("", _("None"))] + [
            (str(e.pk), f"{e.start:%Y-%m-%d} {e.title}") for e in events
        ]

    def data_for_service(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "start": data["start"].isoformat() if data.get("start") else None,
            "end": data["end"].isoformat() if data.get("end") else None,
            "status": data["status"],
            "event": int(data["event"]) if data.get("event") else None,
        }


class PartnerForm(CheckedForm):
    name = forms.CharField(label=_("Name"), max_length=300)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = fixed_enum(PartnerRole)

    def data_for_service(self):
        return dict(self.cleaned_data)


class BudgetLineForm(CheckedForm):
    label = forms.CharField(label=_("Item"), max_length=300)
    amount = _figure(_("Amount"), min_value=0)
    donor = forms.ChoiceField(label=_("Donor"), required=False)

    def __init__(self, *args, donors=(), currency="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("In %(currency)s, at least 0.") % {"currency": currency}
        self.fields["amount"].error_messages["min_value"] = _("An amount cannot be negative.")
        self.fields["donor"].choices = [("", _("No donor named"))] + [(n, n) for n in donors]

    def data_for_service(self):
        data = self.cleaned_data
        return {
            "label": data["label"],
            "amount": str(data["amount"]),
            "donor": data.get("donor", ""),
        }


class IndicatorForm(CheckedForm):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline = _figure(_("Baseline"))
    target = _figure(_("Target"))
    current = _figure(_("Current value"), required=False)

    def data_for_service(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "unit": data.get("unit", ""),
            "baseline": str(data["baseline"]),
            "target": str(data["target"]),
            "current": str(data["current"]) if data.get("current") is not None else None,
        }


class ReportForm(CheckedForm):
    period_end = _date(_("End of the period reported on"), required=True)
    text = forms.CharField(label=_("Report"), max_length=20000, widget=forms.Textarea)

    def data_for_service(self):
        return {
            "period_end": self.cleaned_data["period_end"].isoformat(),
            "text": self.cleaned_data["text"],
        }


PART_FORMS = {
    "objectives": ObjectiveForm,
    "activities": ActivityForm,
    "partners": PartnerForm,
    "budget": BudgetLineForm,
    "indicators": IndicatorForm,
    "reports": ReportForm,
}


def part_initial(kind: str, part) -> dict:
    """The form's initial values for an existing part: what the audit trail records of it
    (services.part_snapshot), with the ids of choices as the form's strings."""
    initial = services.part_snapshot(part)
    if kind == "objectives":
        initial["gaps"] = [str(pk) for pk in initial["gaps"]]
    if kind == "activities":
        initial["event"] = str(initial["event"] or "")
    return initial
