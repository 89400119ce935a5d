"""A draw's result and its JSON form (the contract of ``sherloc-draw``).

::

    {"seed": …, "groups": {"1": [ISO3…], "2": […], "3": […]},
     "reviews": [{"under_review": ISO3,
                  "reviewers": [{"state": ISO3, "instruments": [...],
                                 "regional_group_role": "same"|"other"|"additional"}]}],
     "redraws": [...]}            # only once a redraw was made

Everything is ordered (States by ISO3, reviewers by role then ISO3,
instruments in treaty order), so the same draw always gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from .errors import RecordError, _
from .population import INSTRUMENTS

ROLES = ("same", "other", "additional")
#: Redraw reasons; the first two count against the four requests of ¶28(d).
REASONS = ("language", "legal_system", "exceptional", "unable")
COUNTED_REASONS = ("language", "legal_system")


@dataclass(frozen=True)
class Assignment:
    state: str
    instruments: tuple[str, ...]
    role: str

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "instruments": list(self.instruments),
            "regional_group_role": self.role,
        }


def _assignment_key(a: Assignment):
    return (ROLES.index(a.role), a.state)


@dataclass(frozen=True)
class Review:
    under_review: str
    reviewers: tuple[Assignment, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "under_review": self.under_review,
            "reviewers": [a.to_json() for a in self.reviewers],
        }

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(a.state for a in self.reviewers)


def make_review(under_review: str, reviewers) -> Review:
    return Review(under_review, tuple(sorted(reviewers, key=_assignment_key)))


@dataclass(frozen=True)
class RedrawEntry:
    """One redraw: who asked, why, its seed, and the reviewers it replaced."""

    under_review: str
    requested_by: str
    reason: str
    seed: str
    previous: tuple[Assignment, ...]

    @property
    def counted(self) -> bool:
        return self.reason in COUNTED_REASONS

    def to_json(self) -> dict[str, Any]:
        return {
            "under_review": self.under_review,
            "requested_by": self.requested_by,
            "reason": self.reason,
            "counted": self.counted,
            "seed": self.seed,
            "previous_reviewers": [a.to_json() for a in self.previous],
        }


@dataclass(frozen=True)
class Draw:
    seed: str
    groups: tuple[tuple[str, ...], ...]
    reviews: tuple[Review, ...]
    redraws: tuple[RedrawEntry, ...] = ()

    def group_of(self, iso3: str) -> str | None:
        for number, members in enumerate(self.groups, start=1):
            if iso3 in members:
                return str(number)
        return None

    def review_of(self, iso3: str) -> Review | None:
        for review in self.reviews:
            if review.under_review == iso3:
                return review
        return None

    def with_review(self, review: Review, entry: RedrawEntry) -> Draw:
        reviews = tuple(
            review if r.under_review == review.under_review else r for r in self.reviews
        )
        return replace(self, reviews=reviews, redraws=(*self.redraws, entry))

    def redraws_requested(self, under_review: str, requested_by: str) -> int:
        """Counted requests (¶28(d)) of one party for one review."""
        return sum(
            1
            for e in self.redraws
            if e.counted
            and e.under_review == under_review
            and e.requested_by == requested_by
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seed": self.seed,
            "groups": {
                str(n): list(members) for n, members in enumerate(self.groups, 1)
            },
            "reviews": [r.to_json() for r in self.reviews],
        }
        if self.redraws:
            data["redraws"] = [e.to_json() for e in self.redraws]
        return data

    def dumps(self) -> str:
        return dumps(self.to_json())

    @classmethod
    def from_json(cls, data: Any) -> Draw:
        try:
            return _draw_from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise RecordError(
                _(
                    "The draw is not in the format sherloc-draw writes (${detail}).",
                    mapping={"detail": _describe(error)},
                )
            ) from error


def dumps(data: Any) -> str:
    """The canonical text of a draw or record: same data, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error.args[0]!r}"
    return str(error) or type(error).__name__


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _assignment(data: dict) -> Assignment:
    instruments = tuple(_text(i) for i in data["instruments"])
    unknown = [i for i in instruments if i not in INSTRUMENTS]
    role = _text(data["regional_group_role"])
    if unknown or role not in ROLES:
        raise ValueError(f"unknown instrument or role in {data!r}")
    return Assignment(_text(data["state"]), instruments, role)


def _entry(data: dict) -> RedrawEntry:
    reason = _text(data["reason"])
    if reason not in REASONS:
        raise ValueError(f"unknown redraw reason {reason!r}")
    return RedrawEntry(
        under_review=_text(data["under_review"]),
        requested_by=_text(data["requested_by"]),
        reason=reason,
        seed=_text(data["seed"]),
        previous=tuple(_assignment(a) for a in data["previous_reviewers"]),
    )


def _draw_from_json(data: dict) -> Draw:
    groups = data["groups"]
    if sorted(groups) != ["1", "2", "3"]:
        raise ValueError("groups must be '1', '2' and '3'")
    return Draw(
        seed=_text(data["seed"]),
        groups=tuple(tuple(_text(s) for s in groups[n]) for n in ("1", "2", "3")),
        reviews=tuple(
            make_review(
                _text(r["under_review"]), [_assignment(a) for a in r["reviewers"]]
            )
            for r in data["reviews"]
        ),
        redraws=tuple(_entry(e) for e in data.get("redraws", ())),
    )
