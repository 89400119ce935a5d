"""Reasons a population cannot be drawn at all, found before drawing.

These are the necessary conditions of the rules, each reported with the
paragraph it comes from; the engine's bounded retries cover the rest.
"""

from __future__ import annotations

from .errors import InfeasibleDraw, _
from .population import INSTRUMENTS, Population

INSTRUMENT_NAMES = {
    "UNTOC": _("the Convention"),
    "TIP": _("the Trafficking in Persons Protocol"),
    "SOM": _("the Smuggling of Migrants Protocol"),
    "FIREARMS": _("the Firearms Protocol"),
}


def _capacity(entities) -> int:
    return sum(e.review_cap for e in entities)


def check_feasible(population: Population) -> None:
    under_review = population.under_review
    if not under_review:
        raise InfeasibleDraw(
            _(
                "No State in the population is under review: none is a party to "
                "the Convention or a signatory volunteering to be reviewed (¶17, ¶52)."
            )
        )
    regions = _regional_reviewers(population)
    capacity = _capacity(population.reviewers)
    needed = 2 * len(under_review)
    if capacity < needed:
        raise InfeasibleDraw(
            _(
                "The States parties can perform at most ${capacity} reviews in all, "
                "but the ${count} States under review need at least ${needed} (¶29).",
                mapping={
                    "capacity": capacity,
                    "count": len(under_review),
                    "needed": needed,
                },
            )
        )
    for region in regions:
        _check_room(population, region)
    _check_instruments(population)


def _regional_reviewers(population: Population) -> list[str]:
    """The regional groups of the States under review, each checked for size."""
    regions = sorted({e.regional_group for e in population.under_review} - {""})
    for region in regions:
        count = sum(1 for e in population.reviewers if e.regional_group == region)
        if count < 3:
            raise InfeasibleDraw(
                _(
                    "Regional group ${group} has only ${count} State(s) party to the "
                    "Convention. Each State under review needs a reviewer from its "
                    "own regional group (¶28), and with fewer than three States "
                    "parties they would have to review themselves or each other "
                    "(¶28(a)).",
                    mapping={"group": region, "count": count},
                )
            )
    with_reviewers = {e.regional_group for e in population.reviewers} - {""}
    if any(not e.regional_group for e in population.under_review) and (
        len(with_reviewers) < 2
    ):
        raise InfeasibleDraw(
            _(
                "A State in no regional group is reviewed by States from two "
                "different regional groups, but only ${count} regional group(s) "
                "have States parties.",
                mapping={"count": len(with_reviewers)},
            )
        )
    return regions


def _check_room(population: Population, region: str) -> None:
    """The other groups must have room for this group's 'other' reviews."""
    outside = [e for e in population.reviewers if e.regional_group != region]
    room = _capacity(outside) - sum(1 for e in outside if e.regional_group)
    members = sum(1 for e in population.under_review if e.regional_group == region)
    if room < members:
        raise InfeasibleDraw(
            _(
                "Regional group ${group} has ${count} States under review, each "
                "needing a reviewer from another regional group (¶28), but the "
                "other regional groups can take on only ${room} more reviews "
                "(¶29).",
                mapping={"group": region, "count": members, "room": room},
            )
        )


def _check_instruments(population: Population) -> None:
    for instrument in INSTRUMENTS:
        parties = [e for e in population.reviewers if instrument in e.parties]
        reviewed = [
            e for e in population.under_review if instrument in e.reviewed_instruments
        ]
        if not reviewed:
            continue
        lacking = [e for e in reviewed if len([p for p in parties if p != e]) < 2]
        if lacking:
            raise InfeasibleDraw(
                _(
                    "Only ${count} State(s) are party to ${instrument}, but "
                    "${iso3} needs two other parties to it as reviewers "
                    "(¶26, ¶28(b)).",
                    mapping={
                        "count": len(parties),
                        "instrument": INSTRUMENT_NAMES[instrument],
                        "iso3": lacking[0].iso3,
                    },
                )
            )
        capacity = _capacity(parties)
        if capacity < 2 * len(reviewed):
            raise InfeasibleDraw(
                _(
                    "The States party to ${instrument} can perform at most "
                    "${capacity} reviews, but the ${count} States reviewed for it "
                    "need two reviewers each (¶26, ¶29).",
                    mapping={
                        "instrument": INSTRUMENT_NAMES[instrument],
                        "capacity": capacity,
                        "count": len(reviewed),
                    },
                )
            )
