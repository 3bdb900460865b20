"""The two life cycles of a case: which states each direction has and the allowed moves.

A case changes state only through `services.transition`, which refuses any (from, to) pair that is
not listed here. The lists follow the work of a central authority: an outgoing request is drafted,
sent, acknowledged by the requested State and executed (or refused or withdrawn); an incoming one
is received, registered, reviewed, forwarded to the authority that executes it, and returned.
"""

from comity.casework.vocabulary import Direction, Status

S = Status

OUTGOING_STATES = (
    S.DRAFT,
    S.SENT,
    S.ACKNOWLEDGED,
    S.INFORMATION_REQUESTED,
    S.IN_EXECUTION,
    S.PARTIALLY_EXECUTED,
    S.EXECUTED,
    S.REFUSED,
    S.WITHDRAWN,
    S.CLOSED,
)
INCOMING_STATES = (
    S.RECEIVED,
    S.REGISTERED,
    S.UNDER_REVIEW,
    S.INFORMATION_REQUESTED,
    S.FORWARDED,
    S.IN_EXECUTION,
    S.POSTPONED,
    S.RETURNED,
    S.REFUSED,
    S.CLOSED,
)

_OUT_ANSWERS = (S.INFORMATION_REQUESTED, S.IN_EXECUTION, S.PARTIALLY_EXECUTED, S.EXECUTED)
OUTGOING_MOVES: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SENT, S.WITHDRAWN),
    S.SENT: (S.ACKNOWLEDGED, *_OUT_ANSWERS, S.REFUSED, S.WITHDRAWN),
    S.ACKNOWLEDGED: (*_OUT_ANSWERS, S.REFUSED, S.WITHDRAWN),
    S.INFORMATION_REQUESTED: (
        S.ACKNOWLEDGED,
        S.IN_EXECUTION,
        S.PARTIALLY_EXECUTED,
        S.EXECUTED,
        S.REFUSED,
        S.WITHDRAWN,
    ),
    S.IN_EXECUTION: (
        S.INFORMATION_REQUESTED,
        S.PARTIALLY_EXECUTED,
        S.EXECUTED,
        S.REFUSED,
        S.WITHDRAWN,
    ),
    S.PARTIALLY_EXECUTED: (
        S.IN_EXECUTION,
        S.INFORMATION_REQUESTED,
        S.EXECUTED,
        S.REFUSED,
        S.WITHDRAWN,
        S.CLOSED,
    ),
    S.EXECUTED: (S.CLOSED,),
    S.REFUSED: (S.CLOSED,),
    S.WITHDRAWN: (S.CLOSED,),
    S.CLOSED: (),
}
INCOMING_MOVES: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.REGISTERED, S.CLOSED),
    S.REGISTERED: (S.UNDER_REVIEW, S.CLOSED),
    S.UNDER_REVIEW: (
        S.INFORMATION_REQUESTED,
        S.FORWARDED,
        S.IN_EXECUTION,
        S.POSTPONED,
        S.REFUSED,
        S.CLOSED,
    ),
    S.INFORMATION_REQUESTED: (S.UNDER_REVIEW, S.REFUSED, S.CLOSED),
    S.FORWARDED: (
        S.IN_EXECUTION,
        S.RETURNED,
        S.INFORMATION_REQUESTED,
        S.POSTPONED,
        S.REFUSED,
        S.CLOSED,
    ),
    S.IN_EXECUTION: (S.RETURNED, S.INFORMATION_REQUESTED, S.POSTPONED, S.REFUSED, S.CLOSED),
    S.POSTPONED: (S.IN_EXECUTION, S.FORWARDED, S.REFUSED, S.CLOSED),
    S.RETURNED: (S.CLOSED,),
    S.REFUSED: (S.CLOSED,),
    S.CLOSED: (),
}
MOVES = {Direction.OUTGOING: OUTGOING_MOVES, Direction.INCOMING: INCOMING_MOVES}
STATES = {Direction.OUTGOING: OUTGOING_STATES, Direction.INCOMING: INCOMING_STATES}
FIRST_STATE = {Direction.OUTGOING: S.DRAFT, Direction.INCOMING: S.RECEIVED}

# A case in one of these states waits for nobody: no deadline runs, no reminder is sent.
FINISHED = frozenset({S.EXECUTED, S.RETURNED, S.REFUSED, S.WITHDRAWN, S.CLOSED})
# Refusing or postponing an incoming request needs a consultation first (UNTOC 18(26)).
NEEDS_CONSULTATION = frozenset({S.REFUSED, S.POSTPONED})
# The state that counts as "acknowledged" and as "executed" for the statistics, per direction.
ACKNOWLEDGED = {Direction.OUTGOING: S.ACKNOWLEDGED, Direction.INCOMING: S.REGISTERED}
EXECUTED = {Direction.OUTGOING: S.EXECUTED, Direction.INCOMING: S.RETURNED}
# The state in which the case was sent (outgoing) or received (incoming): day one of its clock.
OPENING = {Direction.OUTGOING: S.SENT, Direction.INCOMING: S.RECEIVED}


def allowed_moves(direction: str, status: str) -> tuple[str, ...]:
    return MOVES[Direction(direction)].get(status, ())


def is_allowed(direction: str, current: str, target: str) -> bool:
    return target in allowed_moves(direction, current)


def is_open(status: str) -> bool:
    return status not in FINISHED
