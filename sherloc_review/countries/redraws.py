"""Redraw requests of a review: asked by a focal point, decided by the Secretariat.

A focal point of the State under review or of one of its reviewing States
asks (¶28(d), ¶28(e), ¶30); the request is checked against the rules at
once (four counted requests per party per review) and waits.  The
Secretariat grants it — the engine draws new reviewers with a fresh seed,
the draw record logs it, and the review's access follows — or declines it
with a note.
"""

from __future__ import annotations

import time

from ..cycle.index import reindex_country
from ..draw.errors import RedrawRefused, _
from ..draw.redraw import (
    MAX_COUNTED_REQUESTS,
    check_request,
    four_requests_used,
    redraw,
)
from ..draw.result import COUNTED_REASONS
from ..draws.meeting import follow, new_seed
from ..draws.resources import DRAWS_NAME
from .resources import CountryReview, RedrawRequest


def record_of(mechanism, country: CountryReview):
    """The draw record the review follows, if it follows the current draw.

    A review whose State was left out of a later draw keeps its history but
    takes no redraws: its old record is superseded.
    """
    countries = country.__parent__
    if not country.draw or country.draw != countries.draw or not country.reviewers:
        raise RedrawRefused(
            _(
                "This review does not follow the current draw: no redraw can be "
                "asked for or granted in it."
            )
        )
    return mechanism[DRAWS_NAME][country.draw]


def ask(mechanism, country, requested_by: str, login: str, reason: str, note: str):
    current = record_of(mechanism, country).current()
    check_request(current, country.iso3, requested_by, reason)
    counted = reason in COUNTED_REASONS
    if counted and country.counted_requests(requested_by) >= MAX_COUNTED_REQUESTS:
        raise four_requests_used(country.iso3, requested_by)
    if any(r.requested_by == requested_by for r in country.pending()):
        raise RedrawRefused(
            _(
                "A request of ${requester} for this review already awaits the "
                "Secretariat's decision.",
                mapping={"requester": requested_by},
            )
        )
    made = country.add_request(
        requested_by=requested_by, login=login, reason=reason, note=note
    )
    country.__parent__.note_awaiting(country)
    return made


def grant(mechanism, country: CountryReview, number: int, by: str, note: str):
    """Draw new reviewers for ``country``; raises the engine's errors."""
    request = _pending(country, number)
    record = record_of(mechanism, country)
    seed = new_seed()
    result = redraw(
        record.population(),
        record.current(),
        country.iso3,
        request.requested_by,
        request.reason,
        seed,
    )
    decided = country.decide(number, "granted", by, note)
    record.add_redraw(
        result,
        {
            "under_review": country.iso3,
            "request": number,
            "requested_by": request.requested_by,
            "asked_by": request.login,
            "request_note": request.note,
            "decided_by": by,
            "decision_note": note,
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(decided.decided_at)),
            "seed": seed,
        },
    )
    follow(country, result, record.number)
    reindex_country(mechanism, country)
    for other in country.pending():  # asked by a reviewer just replaced
        if other.requested_by not in country.participants:
            country.decide(other.number, "superseded", by, "")
    country.__parent__.note_awaiting(country)
    return decided


def decline(country: CountryReview, number: int, by: str, note: str):
    _pending(country, number)
    decided = country.decide(number, "declined", by, note)
    country.__parent__.note_awaiting(country)
    return decided


def _pending(country: CountryReview, number: int) -> RedrawRequest:
    for request in country.pending():
        if request.number == number:
            return request
    raise RedrawRefused(_("This request was already decided, or does not exist."))
