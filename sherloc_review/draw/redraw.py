"""Redraws (¶28(d), ¶28(e), ¶30): new reviewers for one State under review.

A redraw repeats the drawing of lots for every reviewer of one State under
review and keeps every other review as it was.  It may be asked for by
that State or by one of its reviewing States:

* ``language`` or ``legal_system`` (¶28(d)): the new same-group and
  other-group reviewers are drawn among the States sharing a UN working
  language, or the legal-system family, with the State under review when
  any may serve (otherwise among all).  These count: at most four per
  party per review;
* ``exceptional`` (¶28(e)) and ``unable`` (¶30, a reviewer unable to
  serve): recorded with their reason, not counted against the four.

The previous reviewers of that State are not drawn again for it — a
repeated draw that could hand back the same State would not be a redraw —
and a previous reviewer that would be left with no review at all (¶29)
makes the redraw impossible, said in plain words.
"""

from __future__ import annotations

from .board import Board
from .engine import ATTEMPTS, Stuck, complete, pick, require_seed
from .errors import InfeasibleDraw, RedrawRefused, _
from .population import Entity, Population
from .result import COUNTED_REASONS, REASONS, Draw, RedrawEntry
from .rules import violations
from .stream import SeededStream

MAX_COUNTED_REQUESTS = 4


def preference(reason: str, s: Entity):
    if reason == "language" and s.languages:
        return lambda r: bool(set(r.languages) & set(s.languages))
    if reason == "legal_system" and s.legal_system:
        return lambda r: r.legal_system == s.legal_system
    return None


def check_request(previous: Draw, under_review: str, requested_by: str, reason: str):
    if reason not in REASONS:
        raise RedrawRefused(
            _(
                "Unknown reason '${reason}' for a redraw; use one of: ${reasons}.",
                mapping={"reason": reason, "reasons": ", ".join(REASONS)},
            )
        )
    review = previous.review_of(under_review)
    if review is None:
        raise RedrawRefused(
            _(
                "${iso3} is not under review in this draw.",
                mapping={"iso3": under_review},
            )
        )
    if requested_by != under_review and requested_by not in review.states:
        raise RedrawRefused(
            _(
                "Only ${iso3} or one of its reviewing States may ask for its "
                "reviewers to be drawn again; ${requester} is neither (¶28(d)).",
                mapping={"iso3": under_review, "requester": requested_by},
            )
        )
    used = previous.redraws_requested(under_review, requested_by)
    if reason in COUNTED_REASONS and used >= MAX_COUNTED_REQUESTS:
        raise four_requests_used(under_review, requested_by)
    return review


def four_requests_used(under_review: str, requested_by: str) -> RedrawRefused:
    return RedrawRefused(
        _(
            "${requester} has already asked four times for the reviewers of "
            "${iso3} to be drawn again, the most ¶28(d) allows; only an "
            "exceptional redraw (¶28(e)) or one because a reviewer is unable "
            "to serve (¶30) remains possible.",
            mapping={"iso3": under_review, "requester": requested_by},
        )
    )


def redraw(
    population: Population,
    previous: Draw,
    under_review: str,
    requested_by: str,
    reason: str,
    seed: str,
) -> Draw:
    """``previous`` with new reviewers for ``under_review``, and the log entry."""
    require_seed(seed)
    review = check_request(previous, under_review, requested_by, reason)
    s = population[under_review]
    board = Board.from_reviews(population, previous.reviews)
    old = board.clear(under_review)
    for r, _role, _instruments in old:
        if board.load(r) == 0:
            raise RedrawRefused(
                _(
                    "${reviewer} reviews no one but ${iso3}; drawing new reviewers "
                    "for ${iso3} would leave it without a review to perform (¶29).",
                    mapping={"reviewer": r, "iso3": under_review},
                )
            )
    exclude = frozenset(r for r, _role, _instruments in old)
    prefer = preference(reason, s)
    roles = ("same", "other") if s.regional_group else ("other", "other")
    root = SeededStream(seed, f"redraw/{under_review}")
    obstacle = None
    entry = RedrawEntry(under_review, requested_by, reason, seed, review.reviewers)
    for attempt in range(ATTEMPTS):
        stream = root.fork(str(attempt))
        try:
            for role in roles:
                pick(board, s, role, stream, prefer=prefer, exclude=exclude)
            complete(board, s, stream, exclude, repair=False)
        except Stuck as stuck:
            board.clear(under_review)
            obstacle = stuck.message
            continue
        new = next(r for r in board.reviews() if r.under_review == under_review)
        result = previous.with_review(new, entry)
        problems = violations(population, result)
        if not problems:
            return result
        board.clear(under_review)
        obstacle = "; ".join(problems)
    raise InfeasibleDraw(
        _(
            "No new reviewers could be drawn for ${iso3}: ${obstacle}",
            mapping={"iso3": under_review, "obstacle": obstacle},
        )
    )
