"""The drawing of lots at the intersessional meeting (¶28), step by step.

1. :func:`prepare` freezes the population and publishes the commitment;
2. :func:`run` reveals the seed, makes the draw from the frozen population
   and makes it the draw the reviews follow (:func:`adopt`).

Both run inside the request's transaction: a failure leaves nothing half
done.  ``InfeasibleDraw`` and ``PopulationError`` reach the caller, who
shows their message.
"""

from __future__ import annotations

import secrets

from ..countries.resources import COUNTRIES_NAME, Countries, CountryReview, Reviewer
from ..cycle.index import reindex_country
from ..draw import Draw, draw
from ..draw.feasibility import check_feasible
from .population import population_of
from .resources import DRAWS_NAME, DrawRecord

SEED_BYTES = 24


def new_seed() -> str:
    return secrets.token_urlsafe(SEED_BYTES)


def prepare(mechanism, title: str, seed: str, by: str) -> DrawRecord:
    """A draw record committed to ``seed``.

    The pages pass :func:`new_seed`: a seed a person chose could be guessed
    from its commitment before the meeting.  The API, which reveals at once,
    and the demo profile pass their own.
    """
    population = population_of(mechanism["states"])
    check_feasible(population)
    return mechanism[DRAWS_NAME].prepare(title, population, seed, by)


def run(mechanism, record: DrawRecord, by: str) -> Draw:
    result = draw(record.population(), record.secret_seed())
    record.reveal(result, by)
    adopt(mechanism, record)
    return result


def countries_of(mechanism) -> Countries:
    countries = mechanism.get(COUNTRIES_NAME)
    if countries is None:
        countries = mechanism.add(COUNTRIES_NAME, Countries())
    return countries


def adopt(mechanism, record: DrawRecord) -> None:
    """Make every State's review follow ``record``'s current draw.

    Reviews of States no longer in the draw keep their history but lose
    their reviewers; requests made under an earlier draw are closed.  A
    draw adopted after phases opened (a Conference decision to draw again)
    moves the reviewers of the open phases too: access follows, and the
    dashboards' rows are rewritten; the reviews each opening foresaw stay
    as they were (¶10 counts those).
    """
    countries = countries_of(mechanism)
    result = record.current()
    if countries.draw != record.number:
        for country in countries.values():
            for pending in country.pending():
                country.decide(pending.number, "superseded", "", "")
        countries.awaiting = ()
    countries.draw = record.number
    drawn = set()
    for review in result.reviews:
        country = countries.get(review.under_review)
        if country is None:
            country = countries.add(
                review.under_review, CountryReview(review.under_review)
            )
        follow(country, result, record.number)
        reindex_country(mechanism, country)
        drawn.add(review.under_review)
    for iso3, country in countries.items():
        if iso3 not in drawn and (country.reviewers or country.group or country.draw):
            country.reviewers = ()
            country.group = ""
            country.draw = ""
            reindex_country(mechanism, country)


def follow(country: CountryReview, result: Draw, number: str) -> None:
    """Set one review's group and reviewers from ``result``."""
    review = result.review_of(country.iso3)
    reviewers = tuple(
        Reviewer(a.state, a.instruments, a.role) for a in review.reviewers
    )
    values = {
        "group": result.group_of(country.iso3),
        "draw": number,
        "reviewers": reviewers,
    }
    for name, value in values.items():
        if getattr(country, name) != value:
            setattr(country, name, value)
