"""The life cycle of a project: the allowed moves and the column that dates each state.

A project changes status only through `services.transition`, which refuses any (from, to) pair
not listed here. A proposed project is approved (by the donor and the State), gets under way,
and is completed; until it is completed it may be cancelled.
"""

from comity.assistance.vocabulary import ProjectStatus

S = ProjectStatus

MOVES: dict[str, tuple[str, ...]] = {
    S.PROPOSED: (S.APPROVED, S.CANCELLED),
    S.APPROVED: (S.ACTIVE, S.CANCELLED),
    S.ACTIVE: (S.COMPLETED, S.CANCELLED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}

# When the project entered each state (a proposed project: when it was created).
STAMPS: dict[str, str] = {
    S.PROPOSED: "created_at",
    S.APPROVED: "approved_at",
    S.ACTIVE: "started_at",
    S.COMPLETED: "completed_at",
    S.CANCELLED: "cancelled_at",
}

OPEN = frozenset(status for status, moves in MOVES.items() if moves)


def allowed_moves(status: str) -> tuple[str, ...]:
    return MOVES.get(status, ())


def is_allowed(current: str, target: str) -> bool:
    return target in allowed_moves(current)
