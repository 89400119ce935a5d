"""The assignments being built: who reviews whom, in which role, and loads.

Shared by the first draw and by redraws; every test of "may ``r`` review
``s`` in this role now?" lives in :meth:`Board.may_review`, so the engine
and the redraw cannot disagree about the rules.
"""

from __future__ import annotations

from collections import defaultdict

from .population import Entity, Population
from .result import Assignment, Review, make_review


class Board:
    def __init__(self, population: Population) -> None:
        self.population = population
        #: under review → [(reviewer, role, instruments)]
        self.reviewers_of: dict[str, list[tuple[str, str, tuple[str, ...]]]] = (
            defaultdict(list)
        )
        #: reviewer → States it reviews
        self.reviewing: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def from_reviews(cls, population: Population, reviews) -> Board:
        board = cls(population)
        for review in reviews:
            for a in review.reviewers:
                board.add(review.under_review, a.state, a.role, a.instruments)
        return board

    def load(self, iso3: str) -> int:
        return len(self.reviewing.get(iso3, ()))

    def has_room(self, reviewer: Entity) -> bool:
        return self.load(reviewer.iso3) < reviewer.review_cap

    def add(self, s: str, r: str, role: str, instruments=None) -> None:
        if instruments is None:
            instruments = shared_instruments(self.population[s], self.population[r])
        self.reviewers_of[s].append((r, role, tuple(instruments)))
        self.reviewing[r].add(s)

    def remove(self, s: str, r: str) -> None:
        self.reviewers_of[s] = [x for x in self.reviewers_of[s] if x[0] != r]
        self.reviewing[r].discard(s)

    def clear(self, s: str) -> list[tuple[str, str, tuple[str, ...]]]:
        previous = self.reviewers_of.pop(s, [])
        for r, _role, _instruments in previous:
            self.reviewing[r].discard(s)
        return previous

    def may_review(self, r: Entity, s: Entity, role: str, room: bool = True) -> bool:
        """All the rules for adding ``r`` as a reviewer of ``s`` in ``role``.

        ``room=False`` leaves out the ¶29 maximum (to look for a reviewer
        whose load could be moved elsewhere).
        """
        if r.iso3 == s.iso3 or not r.is_state_party or (room and not self.has_room(r)):
            return False
        current = self.reviewers_of.get(s.iso3, ())
        if any(x[0] == r.iso3 for x in current):
            return False
        if s.iso3 in self.reviewing.get(r.iso3, ()) or r.iso3 in self.reviewing.get(
            s.iso3, ()
        ):
            return False
        if not shared_instruments(s, r):
            return False
        if role == "same":
            return bool(r.regional_group) and r.regional_group == s.regional_group
        if role == "other":
            if s.regional_group:
                return r.regional_group != s.regional_group
            groups = [self.population[x[0]].regional_group for x in current]
            return bool(r.regional_group) and r.regional_group not in groups
        return True

    def additional_of(self, r: str) -> list[tuple[str, tuple[str, ...]]]:
        """``(under review, instruments)`` of ``r``'s additional reviews."""
        return [
            (s, instruments)
            for s in sorted(self.reviewing.get(r, ()))
            for x, role, instruments in self.reviewers_of[s]
            if x == r and role == "additional"
        ]

    def coverage_needs(self, s: Entity) -> dict[str, int]:
        """Instrument → reviewers still missing to reach two (¶26)."""
        needs = dict.fromkeys(s.reviewed_instruments, 2)
        for _r, _role, instruments in self.reviewers_of.get(s.iso3, ()):
            for i in instruments:
                needs[i] -= 1
        return {i: n for i, n in needs.items() if n > 0}

    def reviews(self) -> tuple[Review, ...]:
        return tuple(
            make_review(
                s.iso3,
                [Assignment(r, i, role) for r, role, i in self.reviewers_of[s.iso3]],
            )
            for s in self.population.under_review
        )


def shared_instruments(s: Entity, r: Entity) -> tuple[str, ...]:
    return tuple(i for i in s.reviewed_instruments if i in r.parties)
