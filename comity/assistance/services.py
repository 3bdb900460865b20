"""Writing technical-assistance projects: every write is keyword-only, atomic and audited.

Input is parsed by `comity.assistance.schema` (its shape) and checked here against the database:
the gaps must be answers of the project's State's assessments, an objective's gaps among the
project's, a budget line's donor one of its partners, an activity's meeting one the writer may
see. A failed check raises ProjectInputError with every problem by its place ("budget[1].amount")
and nothing is written.

Who may write: `may_create` for a new project; for an existing one, whoever may change it by its
access rule (StateWork: the State's writers, the network's secretariat, site admins). Pages and
the API fetch the project with `restrict(user, "change")`, so that a refusal is a 404; the
services check again, so that no other caller can skip it.
"""

import pycountry
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.assessments.models import Answer
from comity.assistance import gaps as gap_info
from comity.assistance import lifecycle
from comity.assistance.models import (
    Activity,
    BudgetLine,
    Indicator,
    Objective,
    Partner,
    ProgressReport,
    Project,
)
from comity.assistance.schema import (
    PARTS,
    ProjectIn,
    ProjectInputError,
    ProjectPatch,
    dates_in_order,
    parse,
)
from comity.assistance.vocabulary import PartnerRole, ProjectStatus
from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import access
from comity.directory.models import Network, NetworkMember
from comity.geo.models import Country
from comity.networks.models import Event

MODELS = {
    "objectives": Objective,
    "activities": Activity,
    "partners": Partner,
    "budget": BudgetLine,
    "indicators": Indicator,
    "reports": ProgressReport,
}
PROJECT_FIELDS = ("title", "summary", "currency", "start", "end", "network")


class NotAllowed(Exception):
    """The actor may not do this (pages and the API answer 404, as for what they cannot see)."""


class TransitionNotAllowed(Exception):
    def __init__(self, project: Project, to: str):
        self.project, self.to = project, to
        self.allowed = list(lifecycle.allowed_moves(project.status))
        super().__init__(
            _("A project cannot move from %(current)s to %(to)s.")
            % {"current": project.status, "to": to}
        )


def _error(field: str, message: str) -> dict:
    return {"field": field, "message": message}


# --- Who may ----------------------------------------------------------------------------------------


def may_create(user, *, state: str, network: Network | None = None) -> bool:
    """Whether `user` may start a project for `state` (run by `network`): the State's writers,
    the network's secretariat, site admins."""
    if user is None:
        return True  # the command line and data loaders
    if access.is_site_admin(user):
        return True
    if network is not None and access.is_secretary(user, network.pk):
        return True
    return access.may_write(user) and user.authority.country_id == state


def may_create_any(user) -> bool:
    """Whether `user` may start a project for some State (shows the 'New project' button)."""
    return access.is_site_admin(user) or access.may_write(user) or bool(access.network_ids(user)[1])


def _may_approve(actor, project: Project) -> bool:
    if actor is None or access.is_site_admin(actor):
        return True
    return bool(project.network_id) and access.is_secretary(actor, project.network_id)


def _check_may_change(actor, project: Project) -> None:
    if actor is not None and not access.can(actor, access.Permission.CHANGE, project):
        raise NotAllowed


# --- Checks against the database --------------------------------------------------------------------


def _currency_errors(code: str, field: str = "currency") -> list[dict]:
    if pycountry.currencies.get(alpha_3=code.upper()) is None:
        return [_error(field, _("Unknown currency. Use an ISO 4217 code such as USD, EUR or GHS."))]
    return []


def _network(code, errors) -> Network | None:
    if not code:
        return None
    network = Network.objects.filter(code=code).first()
    if network is None:
        errors.append(_error("network", _("No network has this code. Leave it empty or fix it.")))
    return network


def _state(code, errors) -> Country | None:
    country = Country.objects.filter(iso3=code.upper()).first()
    if country is None:
        errors.append(
            _error(
                "state", _("Unknown State. Use an ISO 3166-1 alpha-3 code in capitals, e.g. GHA.")
            )
        )
    return country


def _member_errors(state: str, network: Network | None) -> list[dict]:
    if network is None:
        return []
    if not NetworkMember.objects.current().filter(network=network, country_id=state).exists():
        return [
            _error(
                "network",
                _("%(state)s is not a member of this network. Choose its network or none.")
                % {"state": state},
            )
        ]
    return []


def _gap_answers(ids, *, state: str, actor, errors, network=None, field="gaps") -> list[Answer]:
    """The answers `ids` names, each an answer of the State's assessments that `actor` may see,
    run within the project's network (or within none, for a project without one), and a gap
    of its assessment: a project shows its gaps to the network's members, so it may not carry
    another network's."""
    if not ids:
        return []
    answers = Answer.objects.select_related("assessment")
    if actor is not None:
        answers = answers.restrict(actor)
    found = {a.pk: a for a in answers.filter(pk__in=set(ids))}
    out = []
    for i, pk in enumerate(ids):
        answer = found.get(pk)
        network_id = network.pk if network is not None else None
        if (
            answer is None
            or answer.assessment.state_id != state
            or answer.assessment.network_id != network_id
        ):
            errors.append(
                _error(
                    f"{field}[{i}]",
                    _("No answer of an assessment of %(state)s has this id. Pick one of its gaps.")
                    % {"state": state},
                )
            )
        elif not gap_info.is_gap(answer):
            errors.append(
                _error(
                    f"{field}[{i}]",
                    _("This answer has the top score: it is not a gap. Remove it from the list."),
                )
            )
        elif answer not in out:
            out.append(answer)
    return out


def _part_errors(kind: str, item, *, place: str, project_gaps: set, donors: dict, actor) -> list:
    """Problems of one parsed part that only the database can show."""
    errors = []
    if kind == "objectives":
        if not item.gaps:
            errors.append(
                _error(
                    f"{place}.gaps",
                    _("Tie the objective to at least one of the project's gaps.")
                    if project_gaps
                    else _("The project addresses no gap yet: add its gaps first."),
                )
            )
        for j, pk in enumerate(item.gaps):
            if pk not in project_gaps:
                errors.append(
                    _error(
                        f"{place}.gaps[{j}]",
                        _("Not one of the project's gaps. Choose among the gaps it addresses."),
                    )
                )
    if kind in ("activities",) and not dates_in_order(item.start, item.end):
        errors.append(_error(f"{place}.end", _("The end comes before the start. Fix one of them.")))
    if kind == "activities" and item.event is not None:
        events = Event.objects.all() if actor is None else Event.objects.restrict(actor)
        if not events.filter(pk=item.event).exists():
            errors.append(
                _error(f"{place}.event", _("No meeting you may see has this id. Leave it empty."))
            )
    if kind == "budget" and item.donor and item.donor.casefold() not in donors:
        errors.append(
            _error(
                f"{place}.donor",
                _(
                    "No donor of this project has this name. Add it as a partner with the role "
                    "donor, or leave the donor empty."
                ),
            )
        )
    if kind == "indicators" and item.baseline == item.target:
        errors.append(
            _error(
                f"{place}.target",
                _("The target equals the baseline: progress could not be measured. Change one."),
            )
        )
    return errors


def _donors(partners) -> dict:
    """Donor partners by their folded name."""
    return {p.name.casefold(): p for p in partners if p.role == PartnerRole.DONOR}


def _partner_name_errors(partners, field="partners") -> list[dict]:
    seen, errors = set(), []
    for i, partner in enumerate(partners):
        key = partner.name.casefold()
        if key in seen:
            errors.append(
                _error(f"{field}[{i}].name", _("Two partners have this name. Name each once."))
            )
        seen.add(key)
    return errors


# --- Snapshots for the audit trail ----------------------------------------------------------------


def snapshot(project: Project) -> dict:
    return {
        "state": project.state_id,
        "network": project.network.code if project.network_id else None,
        "title": project.title,
        "summary": project.summary,
        "currency": project.currency,
        "start": project.start,
        "end": project.end,
        "status": project.status,
        "gaps": sorted(project.gaps.values_list("pk", flat=True)) if project.pk else [],
    }


def part_snapshot(part) -> dict:
    if isinstance(part, Objective):
        return {"text": part.text, "gaps": sorted(part.gaps.values_list("pk", flat=True))}
    if isinstance(part, Activity):
        return {
            "kind": part.kind,
            "title": part.title,
            "start": part.start,
            "end": part.end,
            "status": part.status,
            "event": part.event_id,
        }
    if isinstance(part, Partner):
        return {"name": part.name, "role": part.role}
    if isinstance(part, BudgetLine):
        return {
            "label": part.label,
            "amount": part.amount,
            "donor": part.donor.name if part.donor_id else "",
        }
    if isinstance(part, Indicator):
        return {
            "name": part.name,
            "unit": part.unit,
            "baseline": part.baseline,
            "target": part.target,
            "current": part.current,
        }
    return {"period_end": part.period_end, "text": part.text}


# --- Writing parts ----------------------------------------------------------------------------------


def _fill(part, kind: str, item, *, donors: dict, actor) -> None:
    """Copy a parsed part onto its row (not yet saved)."""
    if kind == "objectives":
        part.text = item.text
    elif kind == "activities":
        part.kind, part.title, part.status = item.kind, item.title, item.status
        part.start, part.end, part.event_id = item.start, item.end, item.event
    elif kind == "partners":
        part.name, part.role = item.name, item.role
    elif kind == "budget":
        part.label, part.amount = item.label, item.amount
        part.donor = donors.get(item.donor.casefold()) if item.donor else None
    elif kind == "indicators":
        part.name, part.unit = item.name, item.unit
        part.baseline, part.target, part.current = item.baseline, item.target, item.current
    elif kind == "reports":
        part.period_end, part.text = item.period_end, item.text
        if part.pk is None:
            part.author = actor if getattr(actor, "pk", None) else None


def _save_part(part, kind: str, item, *, donors: dict, actor) -> None:
    _fill(part, kind, item, donors=donors, actor=actor)
    if kind == "objectives" and part.position is None:
        last = Objective.objects.filter(project=part.project).aggregate(n=Max("position"))["n"]
        part.position = (last or 0) + 1
    part.save()
    if kind == "objectives":
        part.gaps.set(item.gaps)


def _context(project: Project, *, actor):
    partners = list(project.partners.all())
    return {
        "project_gaps": set(project.gaps.values_list("pk", flat=True)),
        "donors": _donors(partners),
        "actor": actor,
    }


def _kind(kind: str) -> str:
    if kind not in PARTS:
        raise ValueError(f"Unknown part of a project: {kind!r}")
    return kind


@transaction.atomic
def add_part(*, project: Project, kind: str, data: dict, actor):
    """A new objective, activity, partner, budget line, indicator or progress report
    (`kind`: objectives, activities, partners, budget, indicators, reports) of `project`."""
    project = _locked(project)
    _check_may_change(actor, project)
    item = parse(PARTS[_kind(kind)], data)
    context = _context(project, actor=actor)
    errors = _part_errors(kind, item, place=kind, **context)
    if kind == "partners" and item.name.casefold() in {
        p.name.casefold() for p in project.partners.all()
    }:
        errors.append(_error("name", _("The project already has a partner of this name.")))
    if errors:
        raise ProjectInputError([_bare(e, kind) for e in errors])
    part = MODELS[kind](project=project)
    _save_part(part, kind, item, donors=context["donors"], actor=actor)
    record(actor=actor, action=Action.CREATE, obj=part, after=part_snapshot(part))
    _touch(project)
    return part


@transaction.atomic
def change_part(*, part, data: dict, actor):
    """`part` of a project rewritten from `data` (all its details, as `add_part` takes them)."""
    kind = next(k for k, model in MODELS.items() if isinstance(part, model))
    project = _locked(part.project)
    _check_may_change(actor, project)
    item = parse(PARTS[kind], data)
    context = _context(project, actor=actor)
    errors = _part_errors(kind, item, place=kind, **context)
    if kind == "partners" and item.name.casefold() in {
        p.name.casefold() for p in project.partners.exclude(pk=part.pk)
    }:
        errors.append(_error("name", _("The project already has a partner of this name.")))
    if errors:
        raise ProjectInputError([_bare(e, kind) for e in errors])
    before = part_snapshot(part)
    _save_part(part, kind, item, donors=context["donors"], actor=actor)
    record_saved(actor=actor, obj=part, before=before, after=part_snapshot(part))
    _touch(project)
    return part


@transaction.atomic
def remove_part(*, part, actor) -> None:
    project = _locked(part.project)
    _check_may_change(actor, project)
    record(actor=actor, action=Action.DELETE, obj=part, before=part_snapshot(part))
    part.delete()
    _touch(project)


def _bare(error: dict, kind: str) -> dict:
    """An error of a single part, named by the part's own field ("amount", not "budget.amount")."""
    field = error["field"].removeprefix(kind).lstrip(".")
    return {**error, "field": field}


# --- Projects ---------------------------------------------------------------------------------------


def _locked(project: Project) -> Project:
    # Lock the project's row only: its network is on the nullable side of a join.
    return (
        Project.objects.select_for_update(of=("self",)).select_related("network").get(pk=project.pk)
    )


def _touch(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())


def _check_lists(parsed, *, project_gaps: set, actor, given: set, current_partners=None) -> list:
    """Problems of the lists of a project body (those in `given`)."""
    errors = []
    partners = parsed.partners if "partners" in given else (current_partners or [])
    if "partners" in given:
        errors += _partner_name_errors(parsed.partners)
    donors = _donors(partners)
    for kind in ("objectives", "activities", "budget", "indicators"):
        if kind not in given:
            continue
        for i, item in enumerate(getattr(parsed, kind)):
            errors += _part_errors(
                kind,
                item,
                place=f"{kind}[{i}]",
                project_gaps=project_gaps,
                donors=donors,
                actor=actor,
            )
    return errors


def _write_lists(project: Project, parsed, *, given: set, actor) -> None:
    """Replace each list of `project` named in `given` by the parsed one. Budget lines kept
    while the partners are replaced keep their donor by its name."""
    if "partners" in given:
        kept_donors = {}
        if "budget" not in given:
            kept_donors = {
                line.pk: line.donor.name.casefold()
                for line in project.budget.select_related("donor")
                if line.donor_id
            }
        project.partners.all().delete()
        for item in parsed.partners:
            _save_part(Partner(project=project), "partners", item, donors={}, actor=actor)
        donors = _donors(project.partners.all())
        for pk, name in kept_donors.items():
            BudgetLine.objects.filter(pk=pk).update(donor=donors.get(name))
    donors = _donors(project.partners.all())
    for kind in ("objectives", "activities", "budget", "indicators"):
        if kind not in given:
            continue
        MODELS[kind].objects.filter(project=project).delete()
        for position, item in enumerate(getattr(parsed, kind), start=1):
            part = MODELS[kind](project=project)
            if kind == "objectives":
                part.position = position
            _save_part(part, kind, item, donors=donors, actor=actor)


def _lists_snapshot(project: Project, given: set) -> dict:
    return {
        kind: [part_snapshot(p) for p in MODELS[kind].objects.filter(project=project)]
        for kind in ("objectives", "activities", "partners", "budget", "indicators")
        if kind in given
    }


LISTS = frozenset({"objectives", "activities", "partners", "budget", "indicators"})


@transaction.atomic
def create_project(*, state, title, network=None, gaps=(), data=None, actor) -> Project:
    """A new project for `state` (a Country or its alpha-3 code), proposed.

    `network`: a Network, its code or None. `gaps`: ids of answers of the State's assessments
    (each a gap). `data`: summary, currency, start, end, example, and lists of objectives,
    activities, partners, budget lines and indicators (as in schema.ProjectIn).
    Refused with NotAllowed unless `actor` may start a project for the State (`may_create`).
    """
    body = {
        **(data or {}),
        "state": getattr(state, "iso3", state),
        "title": title,
        "network": getattr(network, "code", network),
        "gaps": list(gaps),
    }
    parsed = parse(ProjectIn, body)
    errors: list[dict] = []
    country = _state(parsed.state, errors)
    network = _network(parsed.network, errors)
    if country is None or errors:
        raise ProjectInputError(errors)
    if not may_create(actor, state=country.iso3, network=network):
        raise NotAllowed
    errors += _currency_errors(parsed.currency)
    errors += _member_errors(country.iso3, network)
    if not dates_in_order(parsed.start, parsed.end):
        errors.append(_error("end", _("The end comes before the start. Fix one of them.")))
    answers = _gap_answers(
        parsed.gaps, state=country.iso3, actor=actor, errors=errors, network=network
    )
    errors += _check_lists(
        parsed, project_gaps={a.pk for a in answers}, actor=actor, given=set(LISTS)
    )
    if errors:
        raise ProjectInputError(errors)
    project = Project.objects.create(
        state=country,
        network=network,
        title=parsed.title,
        summary=parsed.summary,
        currency=parsed.currency.upper(),
        start=parsed.start,
        end=parsed.end,
        is_example=parsed.example,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    project.gaps.set(answers)
    _write_lists(project, parsed, given=set(LISTS), actor=actor)
    record(
        actor=actor,
        action=Action.CREATE,
        obj=project,
        after={**snapshot(project), **_lists_snapshot(project, set(LISTS))},
    )
    return project


@transaction.atomic
def update_project(*, project: Project, data: dict, actor) -> Project:
    """`project` changed by `data`: only the details given change; a list given (gaps,
    objectives, activities, partners, budget, indicators) replaces the project's list.
    The State of a project does not change; its status changes only by `transition`."""
    project = _locked(project)
    _check_may_change(actor, project)
    parsed = parse(ProjectPatch, data)
    given = set(parsed.model_fields_set)
    errors: list[dict] = []
    if "state" in given and parsed.state and parsed.state.upper() != project.state_id:
        errors.append(
            _error("state", _("A project's State cannot change. Start a new project instead."))
        )
    if "title" in given and not parsed.title:
        errors.append(_error("title", _("This field is required.")))
    network = project.network
    if "network" in given:
        network = _network(parsed.network, errors)
        if network != project.network and not may_create(
            actor, state=project.state_id, network=network
        ):
            errors.append(_error("network", _("You may not move the project to this network.")))
        errors += _member_errors(project.state_id, network)
    if "currency" in given:
        errors += _currency_errors(parsed.currency)
    start = parsed.start if "start" in given else project.start
    end = parsed.end if "end" in given else project.end
    if not dates_in_order(start, end):
        errors.append(_error("end", _("The end comes before the start. Fix one of them.")))
    if "gaps" in given:
        answers = _gap_answers(
            parsed.gaps, state=project.state_id, actor=actor, errors=errors, network=network
        )
        project_gaps = {a.pk for a in answers}
        if "objectives" not in given:
            errors += _orphaned_objectives(project, project_gaps)
    else:
        project_gaps = set(project.gaps.values_list("pk", flat=True))
    errors += _check_lists(
        parsed,
        project_gaps=project_gaps,
        actor=actor,
        given=given & LISTS,
        current_partners=list(project.partners.all()),
    )
    if errors:
        raise ProjectInputError(errors)
    before = {**snapshot(project), **_lists_snapshot(project, given & LISTS)}
    for name in ("title", "summary", "start", "end"):
        if name in given:
            setattr(project, name, getattr(parsed, name))
    if "currency" in given:
        project.currency = parsed.currency.upper()
    if "example" in given:
        project.is_example = parsed.example
    project.network = network
    project.save()
    if "gaps" in given:
        project.gaps.set(answers)
    _write_lists(project, parsed, given=given & LISTS, actor=actor)
    record_saved(
        actor=actor,
        obj=project,
        before=before,
        after={**snapshot(project), **_lists_snapshot(project, given & LISTS)},
    )
    return project


def _orphaned_objectives(project: Project, kept: set) -> list[dict]:
    errors = []
    for objective in project.objectives.prefetch_related("gaps"):
        if any(gap.pk not in kept for gap in objective.gaps.all()):
            errors.append(
                _error(
                    "gaps",
                    _("Objective %(n)s is tied to a gap you removed. Change the objective first.")
                    % {"n": objective.position},
                )
            )
    return errors


@transaction.atomic
def transition(*, project: Project, to: str, actor) -> Project:
    """Move `project` to status `to`, if lifecycle.MOVES allows it (TransitionNotAllowed
    otherwise), dating the move in the state's column (lifecycle.STAMPS)."""
    project = _locked(project)
    _check_may_change(actor, project)
    if not lifecycle.is_allowed(project.status, to):
        raise TransitionNotAllowed(project, to)
    if to == ProjectStatus.APPROVED and not _may_approve(actor, project):
        # The beneficiary State proposes; the programme (the network's secretariat) approves.
        raise TransitionNotAllowed(project, to)
    before = project.status
    project.status = to
    setattr(project, lifecycle.STAMPS[to], timezone.now())
    project.save()
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=project,
        before={"status": before},
        after={"status": to},
    )
    return project
