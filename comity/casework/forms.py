"""The forms of the case register's pages: they read what an officer typed into the shape the
services take (schema.CaseFields), and put the services' errors back beside the fields."""

import re

from django import forms
from django.core import signing
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comity.casework import selectors
from comity.casework.schema import MAX_ENTITIES, NULLABLE
from comity.casework.vocabulary import (
    Direction,
    EntityKind,
    Priority,
    RefusalGround,
    Status,
)
from comity.core.forms import CheckedForm, LongSelect, fixed_enum, fixed_states, with_blank
from comity.directory.vocabulary import Channel
from comity.geo.selectors import country_choices
from comity.treaties.vocabulary import RequestKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOTE = forms.Textarea(attrs={"rows": 3})
BODY_SALT = "comity.casework.received_body"
# Choices that a case always has: left empty in a form, they are left unchanged.
REQUIRED_CHOICES = frozenset({"channel", "priority", "kind", "counterpart_state"})


def _countries():
    return fixed_states(country_choices())


def _people(users) -> list[tuple[str, str]]:
    return [(str(u.pk), u.get_full_name() or u.get_username()) for u in users]


def _authorities(rows, *, with_state: bool = False) -> list[tuple[str, str]]:
    return [
        (str(a.pk), f"{a.country_id} — {a.display_name()}" if with_state else a.display_name())
        for a in rows
    ]


def _optional_choice(label, **kwargs):
    return forms.TypedChoiceField(label=label, required=False, empty_value=None, **kwargs)


# --- The register list --------------------------------------------------------------------------


class RegisterFilterForm(CheckedForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A name in any script, with or without accents, or a reference."),
    )
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    counterpart_state = forms.ChoiceField(
        label=_("Counterpart State"), required=False, widget=LongSelect()
    )
    assigned_to = _optional_choice(_("Assigned officer"), coerce=int)
    priority = forms.ChoiceField(label=_("Priority"), required=False)
    open_only = forms.BooleanField(label=_("Open cases only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue cases only"), required=False)

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = gettext("Any")
        for name, choices in (
            ("direction", fixed_enum(Direction)),
            ("status", fixed_enum(Status)),
            ("kind", fixed_enum(RequestKind)),
            ("priority", fixed_enum(Priority)),
            ("counterpart_state", _countries()),
            ("assigned_to", _people(officers)),
        ):
            self.fields[name].choices = with_blank(tuple(choices), anything)

    def filters(self) -> selectors.CaseFilters:
        """The filters to apply: the valid ones (an invalid field is shown with its error)."""
        if not self.is_bound:
            return selectors.CaseFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "q" in data:
            data["q"] = data["q"].strip()
        return selectors.CaseFilters(**data)


# --- Persons, companies and accounts -------------------------------------------------------------


class EntityForm(CheckedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntityKind.choices, initial="person")
    role = forms.CharField(label=_("Role"), required=False, max_length=40)
    value = forms.CharField(
        label=_("Name or account number"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to remove the row."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False, widget=LongSelect())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = with_blank(tuple(_countries()))

    def clean(self):
        cleaned = super().clean()
        filled = cleaned.get("role") or cleaned.get("date_of_birth") or cleaned.get("nationality")
        if filled and not cleaned.get("value"):
            self.add_error(
                "value", _("Give the name or account number, or empty the other fields too.")
            )
        return cleaned


EntityFormSet = formset_factory(
    EntityForm, extra=3, max_num=MAX_ENTITIES, absolute_max=MAX_ENTITIES
)


def entity_rows(formset) -> list[dict]:
    """The filled rows of a valid entity formset, as schema.Entity takes them."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("value"):
            rows.append({**data, "date_of_birth": data.get("date_of_birth")})
    return rows


def entity_initial(case) -> list[dict]:
    return [
        {
            "kind": e.kind,
            "role": e.role,
            "value": e.value,
            "date_of_birth": e.date_of_birth,
            "nationality": e.nationality,
        }
        for e in case.entities.all()
    ]


# --- The details of a case -----------------------------------------------------------------------


def _codes(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,;]+", text or "") if c]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CaseFieldsForm(CheckedForm):
    """The details an officer writes (schema.CaseFields); lists are typed one per line."""

    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    counterpart_state = forms.ChoiceField(label=_("Counterpart State"), widget=LongSelect())
    counterpart_authority = _optional_choice(_("Counterpart authority"))
    counterpart_name = forms.CharField(
        label=_("Counterpart authority, if not in the directory"), required=False, max_length=300
    )
    our_reference = forms.CharField(label=_("Our reference"), max_length=100)
    their_reference = forms.CharField(label=_("Their reference"), required=False, max_length=200)
    legal_bases = forms.CharField(
        label=_("Legal bases"),
        required=False,
        help_text=_("Instrument codes separated by spaces or commas, e.g. UNTOC ETS-030."),
    )
    offences = forms.CharField(
        label=_("Offences"), required=False, widget=NOTE, help_text=_("One offence per line.")
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=300)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    assigned_to = _optional_choice(_("Assigned officer"), coerce=int)
    executing_authority = _optional_choice(_("Executing authority"))
    channel = forms.ChoiceField(label=_("Transmission channel"), required=False)
    transmitted_on = forms.DateField(label=_("Transmitted on"), required=False, widget=DATE)
    tracking_number = forms.CharField(label=_("Tracking number"), required=False, max_length=100)
    requested_deadline = forms.DateField(
        label=_("Deadline asked by the requesting State"), required=False, widget=DATE
    )
    target_date = forms.DateField(label=_("Internal target"), required=False, widget=DATE)
    statutory_deadline = forms.DateField(label=_("Statutory deadline"), required=False, widget=DATE)
    statutory_basis = forms.CharField(
        label=_("Basis of the statutory deadline"),
        required=False,
        max_length=200,
        help_text=_("The provision that sets it, e.g. art. 16(4) ETS-024 (provisional arrest)."),
    )

    def __init__(self, *args, owner, counterpart_state: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        state = self.data.get(self.add_prefix("counterpart_state")) or counterpart_state
        self.fields["counterpart_state"].choices = with_blank(tuple(_countries()))
        counterparts = (
            selectors.authorities_of(state)
            if state
            else selectors.authorities_of_other_states(owner.country_id)
        )
        self.fields["counterpart_authority"].choices = with_blank(
            tuple(_authorities(counterparts, with_state=not state))
        )
        self.fields["executing_authority"].choices = with_blank(
            tuple(_authorities(selectors.authorities_of(owner.country_id)))
        )
        self.fields["assigned_to"].choices = with_blank(tuple(_people(selectors.officers(owner))))
        self.fields["channel"].choices = with_blank(tuple(fixed_enum(Channel)))

    def case_data(self, entities: list[dict] | None = None) -> dict:
        """The cleaned form as schema.CaseFields takes it: empty optional values left out,
        empty nullable ones given as null (cleared)."""
        data = {}
        for name, value in self.cleaned_data.items():
            if name in ("version", "body", "received_on"):
                continue
            if name == "legal_bases":
                value = _codes(value)
            elif name == "offences":
                value = _lines(value)
            if value in (None, "") and name in REQUIRED_CHOICES:
                continue
            data[name] = None if value == "" and name in NULLABLE else value
        if entities is not None:
            data["entities"] = entities
        return data

    @staticmethod
    def initial_of(case) -> dict:
        names = [n for n in CaseFieldsForm.base_fields if n not in ("legal_bases", "offences")]
        initial = {n: getattr(case, n + "_id", None) or getattr(case, n, None) for n in names}
        initial.update(
            counterpart_state=case.counterpart_state_id,
            counterpart_authority=case.counterpart_authority_id,
            executing_authority=case.executing_authority_id,
            assigned_to=case.assigned_to_id,
            legal_bases=" ".join(case.legal_bases),
            offences="\n".join(case.offences),
            version=case.version,
        )
        return initial


class EditCaseForm(CaseFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class IncomingForm(CaseFieldsForm):
    """An incoming request as registered; `body` carries an imported request, signed."""

    received_on = forms.DateField(label=_("Received on"), widget=DATE, initial=timezone.localdate)
    body = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["kind", "counterpart_state", "counterpart_authority", "received_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("executing_authority", "transmitted_on", "tracking_number"):
            del self.fields[name]
        self.fields["our_reference"].required = False
        self.fields["our_reference"].help_text = _("Left empty, the next number is given.")
        self.fields["channel"].label = _("Received through")

    def clean_body(self):
        signed = self.cleaned_data.get("body")
        if not signed:
            return None
        try:
            return signing.loads(signed, salt=BODY_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The imported request could not be read back; import the file again.")
            ) from None

    def case_data(self, entities=None) -> dict:
        data = super().case_data(entities)
        data["received_on"] = self.cleaned_data["received_on"]
        return {k: v for k, v in data.items() if v is not None}


def signed_body(body: dict) -> str:
    return signing.dumps(body, salt=BODY_SALT, compress=True)


def incoming_initial(body: dict) -> tuple[dict, list[dict]]:
    """What a request body exported from another comity installation says of the case it opens
    here: (the registration form's initial values, its persons as entity rows)."""
    urgency = body.get("urgency") or {}
    authority = body.get("requesting_authority") or ""
    known = selectors.authorities_of(body.get("requesting_state") or "").filter(
        pk__in=[authority] if re.fullmatch(r"[0-9a-f-]{36}", authority) else []
    )
    initial = {
        "kind": body.get("kind"),
        "counterpart_state": body.get("requesting_state"),
        "counterpart_authority": str(known[0].pk) if known else None,
        "counterpart_name": "" if known else authority[:300],
        "their_reference": body.get("reference", ""),
        "legal_bases": " ".join(body.get("legal_bases") or []),
        "offences": "\n".join(o["label"] for o in body.get("offences") or [] if o.get("label")),
        "subject": (body.get("proceedings") or {}).get("case_number", ""),
        "priority": Priority.URGENT if urgency.get("urgent") else Priority.NORMAL,
        "requested_deadline": urgency.get("deadline"),
    }
    persons = [
        {
            "kind": EntityKind.PERSON,
            "role": (p.get("role") or "")[:40],
            "value": p["name"],
            "date_of_birth": p.get("date_of_birth"),
            "nationality": p.get("nationality") or "",
        }
        for p in body.get("persons") or []
        if p.get("name")
    ]
    return initial, persons


class ImportForm(CheckedForm):
    file = forms.FileField(
        label=_("Request file (JSON)"),
        help_text=_("The JSON file of a request exported from comity by the requesting State."),
    )


# --- Moving a case, notes, consultations ---------------------------------------------------------


class CaseActionForm(CheckedForm):
    """A form among several on the case page: its fields' ids carry its own prefix (`ids`), so no
    two fields of the page share an id and every label names its own field."""

    ids = "case"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.ids}_%s")
        super().__init__(*args, **kwargs)


class TransitionForm(CaseActionForm):
    ids = "move"
    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(
        label=_("Date of the change"),
        widget=DATE,
        initial=timezone.localdate,
        help_text=_("The day it happened, not the day you record it."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=NOTE, max_length=5000)
    ground = forms.ChoiceField(label=_("Ground of refusal"), required=False)
    provision = forms.CharField(label=_("Provision"), required=False, max_length=200)
    channel = forms.ChoiceField(label=_("Transmission channel"), required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), required=False, max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = selectors.next_states(case)
        self.fields["to"].choices = [(s, Status(s).label) for s in allowed]
        self.fields["to"].error_messages["invalid_choice"] = _(
            "This case cannot go there from “%(current)s”. Allowed next: %(allowed)s."
        ) % {
            "current": Status(case.status).label,
            "allowed": ", ".join(str(Status(s).label) for s in allowed) or "—",
        }
        self.fields["ground"].choices = with_blank(tuple(fixed_enum(RefusalGround)))
        self.fields["channel"].choices = with_blank(tuple(fixed_enum(Channel)))
        self.initial.setdefault("version", case.version)

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        kwargs = {
            "to": d["to"],
            "on": d["on"],
            "note": d["note"],
            "ground": d["ground"],
            "provision": d["provision"],
            "expected_version": d["version"],
        }
        if d["to"] == Status.SENT:
            kwargs["transmission"] = {
                "channel": d["channel"],
                "tracking_number": d["tracking_number"],
            }
        return kwargs


class ConsultationForm(CaseActionForm):
    ids = "consultation"
    on = forms.DateField(label=_("Consulted on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("With whom, and what was proposed or agreed"), widget=NOTE, max_length=5000
    )


class NoteForm(CaseActionForm):
    ids = "note"
    note = forms.CharField(label=_("Note"), widget=NOTE, max_length=5000)


class SendForm(CheckedForm):
    """A final request registered as sent: how, when, and who follows it up."""

    our_reference = forms.CharField(
        label=_("Our reference"),
        max_length=100,
        help_text=_("The request's reference; each case of your authority needs its own."),
    )
    channel = forms.ChoiceField(label=_("Transmission channel"))
    on = forms.DateField(label=_("Sent on"), widget=DATE, initial=timezone.localdate)
    tracking_number = forms.CharField(label=_("Tracking number"), required=False, max_length=100)
    requested_deadline = forms.DateField(
        label=_("Deadline asked of the requested State"), required=False, widget=DATE
    )
    assigned_to = _optional_choice(_("Assigned officer"), coerce=int)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = with_blank(tuple(fixed_enum(Channel)))
        self.fields["assigned_to"].choices = with_blank(tuple(_people(selectors.officers(owner))))

    def case_fields(self) -> dict:
        d = self.cleaned_data
        return {
            k: d[k]
            for k in ("our_reference", "requested_deadline", "assigned_to")
            if d.get(k) not in (None, "")
        }


def add_service_errors(form, errors: list[dict]) -> None:
    """Put a service's per-field errors beside the form's fields (others at the top)."""
    for error in errors:
        name = error["field"].split(".")[0]
        form.add_error(name if name in form.fields else None, error["message"])
