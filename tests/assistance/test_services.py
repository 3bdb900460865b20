"""Projects: who may start and change them, the checks on their budget and parts, the life cycle,
the progress of indicators and whether the gaps they address closed."""

import datetime
from decimal import Decimal

import pytest

from comity.assistance import selectors, services
from comity.assistance.models import BudgetLine, Indicator, Project
from comity.assistance.schema import ProjectInputError
from comity.audit.models import AuditEntry
from tests.assistance.conftest import assessment


def _project(world, actor=None, **data):
    return services.create_project(
        state="GHA",
        title="Central authority support",
        network=world.network,
        gaps=world.gaps,
        data={"currency": "GHS", **data},
        actor=actor or world.member,
    )


def _fields(exc) -> dict:
    return {e["field"]: e["message"] for e in exc.value.errors}


# --- Who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "secretary", "site"])
def test_a_state_writer_the_secretariat_and_site_admins_start_a_project(world, who):
    project = _project(world, actor=getattr(world, who))
    assert project.status == "proposed"
    assert sorted(project.gaps.values_list("pk", flat=True)) == sorted(world.gaps)
    assert AuditEntry.objects.filter(object_id=str(project.pk), action="create").exists()


@pytest.mark.parametrize("who", ["other_member", "outsider", "viewer"])
def test_another_members_writer_an_outsider_or_a_viewer_may_not_start_ghanas_project(world, who):
    with pytest.raises(services.NotAllowed):
        _project(world, actor=getattr(world, who))
    assert not Project.objects.exists()


def test_a_writer_of_another_member_state_cannot_change_ghanas_project(world):
    project = _project(world)
    with pytest.raises(services.NotAllowed):
        services.update_project(
            project=project, data={"title": "Hijacked"}, actor=world.other_member
        )
    with pytest.raises(services.NotAllowed):
        services.add_part(
            project=project,
            kind="partners",
            data={"name": "X", "role": "donor"},
            actor=world.other_member,
        )
    project.refresh_from_db()
    assert project.title == "Central authority support"
    # ... though they may read it, as a member of the network.
    assert selectors.projects(world.other_member).filter(pk=project.pk).exists()
    assert not selectors.projects(world.outsider).exists()


def test_the_secretariat_changes_a_members_project(world):
    project = _project(world)
    services.update_project(project=project, data={"title": "Renamed"}, actor=world.secretary)
    project.refresh_from_db()
    assert project.title == "Renamed"


# --- Input -------------------------------------------------------------------------------------------


def test_budget_lines_refuse_a_negative_amount_and_name_the_line(world):
    with pytest.raises(ProjectInputError) as exc:
        _project(
            world,
            budget=[
                {"label": "Training", "amount": "1000.00"},
                {"label": "Travel", "amount": "-5"},
            ],
        )
    assert "budget[1].amount" in _fields(exc)
    assert not Project.objects.exists()


def test_an_unknown_currency_is_refused(world):
    with pytest.raises(ProjectInputError) as exc:
        _project(world, currency="XYZ")
    assert "ISO 4217" in _fields(exc)["currency"]


def test_a_budget_lines_donor_must_be_a_donor_partner(world):
    with pytest.raises(ProjectInputError) as exc:
        _project(
            world,
            partners=[{"name": "UNODC", "role": "implementing"}],
            budget=[{"label": "Training", "amount": "10", "donor": "UNODC"}],
        )
    assert "budget[0].donor" in _fields(exc)


def test_gaps_must_be_gaps_of_the_projects_state(world):
    nigeria = assessment("NGA", world.network, datetime.date(2024, 1, 1), {"mla.languages": 0})
    met = world.answers["mla.central_authority"].pk
    with pytest.raises(ProjectInputError) as exc:
        services.create_project(
            state="GHA",
            title="T",
            network=world.network,
            gaps=[nigeria.answers.get().pk, met],
            data={},
            actor=world.member,
        )
    errors = _fields(exc)
    assert "gaps[0]" in errors  # Nigeria's answer
    assert "top score" in errors["gaps[1]"]  # scored at the top: not a gap


def test_each_objective_names_one_of_the_projects_gaps(world):
    met = world.answers["mla.central_authority"].pk
    with pytest.raises(ProjectInputError) as exc:
        _project(world, objectives=[{"text": "A", "gaps": []}, {"text": "B", "gaps": [met]}])
    errors = _fields(exc)
    assert "objectives[0].gaps" in errors
    assert "objectives[1].gaps[0]" in errors


def test_a_whole_project_in_one_go_and_its_totals_per_donor(world):
    project = _project(
        world,
        objectives=[{"text": "Notify the languages", "gaps": [world.gaps[0]]}],
        activities=[
            {"kind": "training", "title": "Workshop", "start": "2025-02-01", "end": "2025-02-03"}
        ],
        partners=[
            {"name": "European Union", "role": "donor"},
            {"name": "UNODC", "role": "implementing"},
            {"name": "Norway", "role": "donor"},
        ],
        budget=[
            {"label": "Workshop", "amount": "12000.50", "donor": "European Union"},
            {"label": "Travel", "amount": "3000", "donor": "european union"},
            {"label": "Expert", "amount": "5000", "donor": "Norway"},
            {"label": "Printing", "amount": "99.50"},
        ],
    )
    totals = selectors.totals(project)
    assert totals.overall == Decimal("20100.00")
    assert totals.by_donor == [("European Union", Decimal("15000.50")), ("Norway", Decimal("5000"))]
    assert totals.without_donor == Decimal("99.50")
    assert project.objectives.get().gaps.get().pk == world.gaps[0]


def test_a_part_added_alone_is_checked_and_named_by_its_own_fields(world):
    project = _project(world)
    with pytest.raises(ProjectInputError) as exc:
        services.add_part(
            project=project,
            kind="budget",
            data={"label": "Travel", "amount": "abc"},
            actor=world.member,
        )
    assert "amount" in _fields(exc)
    line = services.add_part(
        project=project, kind="budget", data={"label": "Travel", "amount": "10"}, actor=world.member
    )
    services.change_part(part=line, data={"label": "Travel", "amount": "12.5"}, actor=world.member)
    line.refresh_from_db()
    assert line.amount == Decimal("12.50")
    services.remove_part(part=line, actor=world.member)
    assert not BudgetLine.objects.exists()
    actions = AuditEntry.objects.filter(object_type="assistance.budgetline").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_replacing_the_partners_keeps_the_budget_lines_donor_by_name(world):
    project = _project(
        world,
        partners=[{"name": "Norway", "role": "donor"}],
        budget=[{"label": "Expert", "amount": "5000", "donor": "Norway"}],
    )
    services.update_project(
        project=project,
        data={
            "partners": [
                {"name": "Norway", "role": "donor"},
                {"name": "UNODC", "role": "implementing"},
            ]
        },
        actor=world.member,
    )
    assert project.budget.get().donor.name == "Norway"


def test_removing_a_gap_that_an_objective_addresses_is_refused(world):
    project = _project(world, objectives=[{"text": "A", "gaps": [world.gaps[0]]}])
    with pytest.raises(ProjectInputError) as exc:
        services.update_project(project=project, data={"gaps": [world.gaps[1]]}, actor=world.member)
    assert "gaps" in _fields(exc)


# --- Life cycle ---------------------------------------------------------------------------------------


def test_a_project_moves_through_its_life_cycle_with_a_date_for_each_state(world):
    project = _project(world)
    for to in ("approved", "active", "completed"):
        project = services.transition(project=project, to=to, actor=world.secretary)
    assert project.status == "completed"
    assert project.approved_at <= project.started_at <= project.completed_at
    assert project.cancelled_at is None


def test_a_completed_project_cannot_be_cancelled_nor_a_proposed_one_completed(world):
    project = _project(world)
    with pytest.raises(services.TransitionNotAllowed) as exc:
        services.transition(project=project, to="completed", actor=world.member)
    assert exc.value.allowed == ["approved", "cancelled"]
    project = services.transition(project=project, to="cancelled", actor=world.member)
    assert project.cancelled_at is not None
    with pytest.raises(services.TransitionNotAllowed):
        services.transition(project=project, to="approved", actor=world.member)


# --- Figures -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        ("0", "10", "5", Decimal("50.0")),
        ("20", "10", "15", Decimal("50.0")),  # a figure meant to fall
        ("0", "3", "1", Decimal("33.3")),
        ("0", "10", "12", Decimal("120.0")),  # past the target
        ("0", "10", None, None),  # not measured yet
        ("5", "5", "5", None),  # no way to measure
    ],
)
def test_indicator_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline, target, current, expected
):
    indicator = Indicator(
        baseline=Decimal(baseline),
        target=Decimal(target),
        current=Decimal(current) if current is not None else None,
    )
    assert selectors.progress(indicator) == expected
    assert 0 <= selectors.bar_width(selectors.progress(indicator)) <= 100


def test_a_gap_is_shown_closed_once_a_later_assessment_scores_it_at_the_top(world):
    project = _project(world)
    rows = {g.question: g for g in selectors.gap_rows(project)}
    assert {g.status for g in rows.values()} == {"unknown"}
    assert rows["mla.languages"].article == "UNTOC 18(14)"
    assert rows["mla.languages"].area == "Mutual legal assistance"
    assert rows["mla.languages"].score == 1
    assessment(
        "GHA",
        world.network,
        datetime.date(2025, 6, 1),
        {"mla.languages": 3, "mla.dual_criminality": 2},
    )
    rows = {g.question: g for g in selectors.gap_rows(project)}
    assert rows["mla.languages"].status == "closed"
    assert rows["mla.dual_criminality"].status == "open"
    assert rows["mla.languages"].score == 1  # the score at the time stays
    assert selectors.gap_counts([project.pk]) == {project.pk: (2, 1)}


def test_a_question_the_file_no_longer_has_shows_its_code(world, settings, tmp_path):
    project = _project(world)
    empty = tmp_path / "none"
    empty.mkdir()
    settings.COMITY_QUESTIONNAIRES_DIR = str(empty)
    rows = {g.question: g for g in selectors.gap_rows(project)}
    assert rows["mla.languages"].text == "mla.languages"
    assert rows["mla.languages"].article == ""
