"""The forms of the assessment pages: the list's filters, starting an assessment, the answers of
one area, a status change and an import."""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from comity.assessments import questionnaires
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.core.forms import CheckedForm, LongSelect, fixed_states, with_blank
from comity.geo.selectors import country_choices

MAX_IMPORT_BYTES = 2 * 1024 * 1024
ANSWER = re.compile(r"^answers\[(\d+)\](?:\.(\w+))?")
EVIDENCE_ITEM = re.compile(r"^answers\[\d+\]\.evidence\[(\d+)\]")


class FilterForm(CheckedForm):
    state = forms.ChoiceField(label=_lazy("State"), required=False, widget=LongSelect)
    network = forms.ChoiceField(label=_lazy("Network"), required=False)
    questionnaire = forms.ChoiceField(label=_lazy("Questionnaire"), required=False)

    def __init__(self, data=None, *, networks=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["state"].choices = with_blank(country_choices(), _("Every State"))
        self.fields["network"].choices = [("", _("Every network"))] + [
            (n.code, n.display_name()) for n in networks
        ]
        self.fields["questionnaire"].choices = [
            ("", _("Every questionnaire")),
            *questionnaires.choices(),
        ]

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"state": "", "network": "", "questionnaire": ""}
        return {k: self.cleaned_data.get(k) or "" for k in ("state", "network", "questionnaire")}


class StartForm(CheckedForm):
    state = forms.ChoiceField(label=_lazy("State"), widget=LongSelect)
    questionnaire = forms.ChoiceField(label=_lazy("Questionnaire"))
    network = forms.ChoiceField(
        label=_lazy("Network"),
        required=False,
        help_text=_lazy("The network that runs the assessment; its secretariat may edit it."),
    )

    def __init__(self, data=None, *, states=None, networks=(), **kwargs):
        super().__init__(data, **kwargs)
        everyone = country_choices()
        chosen = everyone if states is None else tuple(p for p in everyone if p[0] in states)
        self.fields["state"].choices = with_blank(fixed_states(chosen))
        self.fields["questionnaire"].choices = [("", "—"), *questionnaires.choices()]
        self.fields["network"].choices = [("", _("None"))] + [
            (n.code, n.display_name()) for n in networks
        ]


class TransitionForm(CheckedForm):
    to = forms.ChoiceField(choices=AssessmentStatus.choices)


class ImportForm(CheckedForm):
    file = forms.FileField(
        label=_lazy("Answers exported from comity (JSON)"),
        help_text=_lazy("All or nothing: when one answer is wrong, none is taken."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(n)d MB. Export it from comity again.")
                % {"n": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


# --- The answers of one area -------------------------------------------------------------------

LINES = {EvidenceKind.STATISTICS, EvidenceKind.DOCUMENT}
SELECTS = (EvidenceKind.LEGISLATION, EvidenceKind.AUTHORITY, EvidenceKind.TREATY)


def field_name(question: str, part: str) -> str:
    return f"{question}__{part}"


class AreaForm(CheckedForm):
    """The answers to the questions of one area: a score on the scale (empty: not assessed),
    evidence (the State's legislation in the library, its directory entries, instruments, and
    web addresses one per line) and a comment.

    `options` gives the choices of each kind of evidence: {kind: [(ref, label)]}. A question
    shows the kinds of evidence it suggests and those it already has."""

    def __init__(self, data=None, *, questionnaire, area, answers, options, **kwargs):
        self.area = area
        self.questionnaire = questionnaire
        self.rows = []
        self.kinds: dict[int, list[str]] = {}
        fields, initial = {}, {}
        score_choices = [("", _("Not assessed"))] + [
            (str(level.score), f"{level.score} — {level.label_in()}")
            for level in questionnaire.scale
        ]
        for question in area.questions:
            answer = answers.get(question.code)
            evidence = answer.evidence if answer else []
            kinds = set(question.evidence or EvidenceKind.values) | {e["kind"] for e in evidence}
            names = {"score": field_name(question.code, "score")}
            fields[names["score"]] = forms.ChoiceField(
                label=_("Score"), choices=score_choices, required=False
            )
            initial[names["score"]] = (
                "" if answer is None or answer.score is None else str(answer.score)
            )
            for kind in SELECTS:
                if kind not in kinds:
                    continue
                name = field_name(question.code, kind)
                names[kind] = name
                have = [e["ref"] for e in evidence if e["kind"] == kind]
                offered = list(options.get(kind, []))
                known = {ref for ref, _label in offered}
                offered += [
                    (e["ref"], e["label"] or e["ref"])
                    for e in evidence
                    if e["kind"] == kind and e["ref"] not in known
                ]
                fields[name] = forms.MultipleChoiceField(
                    label=EvidenceKind(kind).label,
                    choices=offered,
                    required=False,
                    widget=forms.SelectMultiple(attrs={"size": min(6, max(2, len(offered)))}),
                )
                initial[name] = have
            for kind in LINES:
                if kind not in kinds:
                    continue
                name = field_name(question.code, kind)
                names[kind] = name
                fields[name] = forms.CharField(
                    label=EvidenceKind(kind).label,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text=_("One per line: a web address, then a description."),
                )
                initial[name] = "\n".join(
                    " ".join(
                        p for p in (e["ref"], e["label"] if e["label"] != e["ref"] else "") if p
                    )
                    for e in evidence
                    if e["kind"] == kind
                )
            names["comment"] = field_name(question.code, "comment")
            fields[names["comment"]] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            initial[names["comment"]] = answer.comment if answer else ""
            self.rows.append({"question": question, "answer": answer, "names": names})
        # The fields of this area, for BaseForm (which copies base_fields) and CheckedForm's
        # text rules.
        self.base_fields = fields
        super().__init__(data, initial=initial, **kwargs)

    def bound_rows(self) -> list[dict]:
        """For the template: each question with its bound fields."""
        out = []
        for row in self.rows:
            names = row["names"]
            out.append(
                {
                    **row,
                    "score": self[names["score"]],
                    "comment": self[names["comment"]],
                    "evidence": [self[names[k]] for k in (*SELECTS, *sorted(LINES)) if k in names],
                }
            )
        return out

    def answers(self) -> list[dict]:
        """The answers as services.save_answers takes them (after is_valid())."""
        data = self.cleaned_data
        out = []
        for i, row in enumerate(self.rows):
            code, names = row["question"].code, row["names"]
            raw = data.get(names["score"])
            evidence = []
            for kind in SELECTS:
                if kind in names:
                    evidence += [
                        {"kind": kind, "ref": ref, "label": ""} for ref in data[names[kind]]
                    ]
            for kind in sorted(LINES):
                if kind in names:
                    evidence += _lines(kind, data.get(names[kind]) or "")
            self.kinds[i] = [e["kind"] for e in evidence]
            out.append(
                {
                    "question": code,
                    "score": int(raw) if raw not in (None, "") else None,
                    "evidence": evidence,
                    "comment": data.get(names["comment"]) or "",
                }
            )
        return out

    def show_errors(self, errors: list[dict]) -> None:
        """The service's errors ("answers[2].evidence[0].ref") beside the fields they are about."""
        for error in errors:
            match = ANSWER.match(error["field"])
            if not match or int(match.group(1)) >= len(self.rows):
                self.add_error(None, error["message"])
                continue
            i = int(match.group(1))
            names = self.rows[i]["names"]
            part = match.group(2) or "score"
            if part == "evidence":
                item = EVIDENCE_ITEM.match(error["field"])
                kinds = self.kinds.get(i, [])
                k = int(item.group(1)) if item else -1
                kind = kinds[k] if 0 <= k < len(kinds) else None
                self.add_error(names.get(kind, names["score"]), error["message"])
            else:
                self.add_error(names.get(part, names["score"]), error["message"])


def _lines(kind: str, text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        first, _space, rest = line.partition(" ")
        if "://" in first or first.lower().startswith("www."):
            out.append({"kind": kind, "ref": first, "label": rest.strip()})
        else:
            out.append({"kind": kind, "ref": "", "label": line})
    return out
