"""The drawing of lots (¶17, ¶28, ¶29, ¶52): groups and reviewing States.

How a draw is made from a population and a seed, step by step, each step
reading its own labelled stream (see :mod:`.stream`):

1. **Groups (¶17).**  The States under review of each regional group are
   shuffled, the regional groups are put in a random order, and the whole
   list is dealt in turn to groups 1, 2 and 3 from a random start.  Each
   group gets one third of the States and of every regional group (to one
   State).
2. **Same-group reviewers (¶28).**  The States parties of each regional
   group are put in a random circle; each reviews the next one.  Everyone
   gets exactly one reviewer from its group and performs exactly one
   review in it, no one reviews itself, and with three or more States
   no two review each other.  Every pair of a group is equally likely
   (1 in *n* - 1), which is as fair as the rules allow.  A volunteering
   signatory (¶52) is given the least-loaded eligible State of its group.
3. **Reviewers from another group (¶28).**  The places to fill (one per
   State under review, two for a State in no group) are taken in random
   order; each gets, at random, one of the eligible States (another
   regional group, no mutual review, room left) that perform the fewest
   reviews so far.  So every State party does about one such review,
   the States in no group (who review no one in step 2) first.
4. **Additional reviewers (¶28(b)).**  Where the first two reviewers are
   not both party to an instrument of the State under review, an
   additional reviewer is drawn only for those instruments: among the
   eligible States party to the most of them, the least loaded, at random.
   States needing two additional reviewers are served first.

The result is checked against every rule (:mod:`.rules`).  A step that
gets stuck starts steps 2 to 4 again from a new labelled stream; every
second try, step 3 prefers the eligible States party to the most of the
instruments of the State under review, which leaves fewer additional
reviewers to find where parties to a Protocol are few.  When no State
with room may be an additional reviewer, step 4 frees one: a full State
that could serve hands one of its additional reviews to another State.
After ``ATTEMPTS`` tries the draw stops with the last obstacle in plain
words.  The retries
are part of the method, so a replay repeats them exactly (the real
population is drawn at the first try).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .board import Board, shared_instruments
from .errors import DrawError, InfeasibleDraw, _
from .feasibility import INSTRUMENT_NAMES, check_feasible
from .population import Entity, Population
from .result import Draw
from .rules import violations
from .stream import SeededStream

ATTEMPTS = 100

#: Where a reviewer in each role comes from, for messages.
ORIGINS = {
    "same": _("its own regional group"),
    "other": _("another regional group"),
}


class Stuck(Exception):
    """A step found no valid choice; carries the reason as a message."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


def require_seed(seed: str) -> None:
    if not isinstance(seed, str) or not seed.strip():
        raise DrawError(_("The seed is empty: give the seed to draw with."))


def draw(population: Population, seed: str) -> Draw:
    """The draw for ``population`` and ``seed``: always the same, always valid."""
    require_seed(seed)
    check_feasible(population)
    root = SeededStream(seed)
    groups = deal_groups(population, root.fork("groups"))
    obstacle = None
    for attempt in range(ATTEMPTS):
        try:
            board = draw_reviewers(
                population, root.fork(f"reviewers/{attempt}"), covering=attempt % 2 == 1
            )
        except Stuck as stuck:
            obstacle = stuck.message
            continue
        result = Draw(seed, groups, board.reviews())
        problems = violations(population, result)
        if not problems:
            return result
        obstacle = "; ".join(problems)
    raise InfeasibleDraw(
        _(
            "The draw found no arrangement meeting every rule in ${attempts} "
            "tries with this seed; another seed may find one, or the population "
            "may leave too little room. The last obstacle: ${obstacle}",
            mapping={"attempts": ATTEMPTS, "obstacle": obstacle},
        )
    )


def deal_groups(population: Population, stream: SeededStream):
    blocks: dict[str, list[str]] = defaultdict(list)
    for entity in population.under_review:
        blocks[entity.regional_group].append(entity.iso3)
    sequence = [
        iso3
        for region in stream.shuffled(sorted(blocks))
        for iso3 in stream.shuffled(blocks[region])
    ]
    start = stream.below(3)
    groups: list[list[str]] = [[], [], []]
    for position, iso3 in enumerate(sequence):
        groups[(start + position) % 3].append(iso3)
    return tuple(tuple(sorted(g)) for g in groups)


def draw_reviewers(
    population: Population, stream: SeededStream, covering: bool = False
) -> Board:
    board = Board(population)
    assign_same(board, stream.fork("same"))
    assign_other(board, stream.fork("other"), covering)
    assign_additional(board, population.under_review, stream.fork("additional"))
    return board


def assign_same(board: Board, stream: SeededStream) -> None:
    population = board.population
    regions = sorted({e.regional_group for e in population.under_review} - {""})
    for region in regions:
        circle = stream.shuffled(
            [e for e in population.reviewers if e.regional_group == region]
        )
        if len(circle) >= 3:
            for k, reviewer in enumerate(circle):
                reviewed = circle[(k + 1) % len(circle)]
                board.add(reviewed.iso3, reviewer.iso3, "same")
        for entity in population.under_review:
            if entity.regional_group == region and not entity.is_state_party:
                pick(board, entity, "same", stream, balanced=True)


def assign_other(board: Board, stream: SeededStream, covering: bool = False) -> None:
    population = board.population
    places = [
        s for s in population.under_review for _ in range(1 if s.regional_group else 2)
    ]
    for s in stream.shuffled(places):
        pick(board, s, "other", stream, balanced=True, covering=covering)


def assign_additional(board: Board, states: Iterable[Entity], stream) -> None:
    order = stream.shuffled(list(states))
    order.sort(key=lambda s: -max(board.coverage_needs(s).values(), default=0))
    for s in order:
        complete(board, s, stream)


def complete(
    board: Board, s: Entity, stream, exclude=frozenset(), repair: bool = True
) -> None:
    """Add additional reviewers until every instrument of ``s`` has two.

    ``repair=False`` (redraws) never moves another State's review: a redraw
    changes one review only.
    """
    while needs := board.coverage_needs(s):
        if len(board.reviewers_of[s.iso3]) >= s.max_reviewing_states:
            raise Stuck(
                _(
                    "${iso3} would need more than ${count} reviewing States to have "
                    "two reviewers for every instrument (¶28(c)).",
                    mapping={"iso3": s.iso3, "count": s.max_reviewing_states},
                )
            )
        best: list[Entity] = []
        best_key = None
        for r in board.population.reviewers:
            if r.iso3 in exclude or not board.may_review(r, s, "additional"):
                continue
            covers = sum(1 for i in needs if i in r.parties)
            key = (covers, -board.load(r.iso3))
            if covers and (best_key is None or key > best_key):
                best_key, best = key, [r]
            elif covers and key == best_key:
                best.append(r)
        if not best and repair:
            freed = _make_room(board, s, needs, stream, exclude)
            best = [freed] if freed is not None else []
        if not best:
            raise Stuck(
                _(
                    "No State party to ${instrument} is free to review ${iso3} as an "
                    "additional reviewer (¶28(b), ¶29).",
                    mapping={
                        "instrument": INSTRUMENT_NAMES[min(needs)],
                        "iso3": s.iso3,
                    },
                )
            )
        r = stream.choice(best)
        covered = [i for i in s.reviewed_instruments if i in needs and i in r.parties]
        board.add(s.iso3, r.iso3, "additional", covered)


def _make_room(board: Board, s: Entity, needs, stream, exclude) -> Entity | None:
    """A full State that could review ``s``, freed by handing one of its
    additional reviews to another State with room (one exchange, no chain).
    """
    population = board.population
    full = [
        r
        for r in population.reviewers
        if r.iso3 not in exclude
        and not board.has_room(r)
        and any(i in r.parties for i in needs)
        and board.may_review(r, s, "additional", room=False)
    ]
    for r in stream.shuffled(full):
        for t_iso3, instruments in board.additional_of(r.iso3):
            t = population[t_iso3]
            board.remove(t_iso3, r.iso3)
            takers = [
                x
                for x in population.reviewers
                if x.iso3 != r.iso3
                and set(instruments) <= x.parties
                and board.may_review(x, t, "additional")
            ]
            if takers and board.may_review(r, s, "additional"):
                board.add(t_iso3, stream.choice(takers).iso3, "additional", instruments)
                return r
            board.add(t_iso3, r.iso3, "additional", instruments)
    return None


def pick(
    board: Board,
    s: Entity,
    role: str,
    stream: SeededStream,
    *,
    balanced: bool = False,
    covering: bool = False,
    prefer: Callable[[Entity], bool] | None = None,
    exclude: frozenset[str] = frozenset(),
) -> Entity:
    """Draw one reviewer of ``s`` in ``role`` among all who may serve."""
    candidates = [
        r
        for r in board.population.reviewers
        if r.iso3 not in exclude and board.may_review(r, s, role)
    ]
    if prefer is not None:
        candidates = [r for r in candidates if prefer(r)] or candidates
    if covering and candidates:
        most = max(len(shared_instruments(s, r)) for r in candidates)
        candidates = [r for r in candidates if len(shared_instruments(s, r)) == most]
    if balanced and candidates:
        least = min(board.load(r.iso3) for r in candidates)
        candidates = [r for r in candidates if board.load(r.iso3) == least]
    if not candidates:
        raise Stuck(
            _(
                "No State may serve as a reviewer of ${iso3} from ${where}: every "
                "candidate is already a reviewer, reviews or is reviewed by it, or "
                "has no room left (¶28, ¶29).",
                mapping={
                    "iso3": s.iso3,
                    "where": ORIGINS[role],
                },
            )
        )
    chosen = stream.choice(candidates)
    board.add(s.iso3, chosen.iso3, role)
    return chosen
