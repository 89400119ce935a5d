"""A review's ACL is computed from its reviewers: access follows the draw."""

import pytest
from pyramid.authorization import ACLHelper

from sherloc_review.countries.permissions import CountryPermission as P
from sherloc_review.countries.resources import CountryReview, Reviewer


def _review(*reviewers):
    review = CountryReview("FRA")
    review.reviewers = tuple(Reviewer(s, ("UNTOC",), role) for s, role in reviewers)
    return review


def _permits(review, principals, permission) -> bool:
    return bool(ACLHelper().permits(review, principals, permission))


def official(iso3, role="expert"):
    return [
        "system.Everyone",
        "system.Authenticated",
        f"state:{iso3}",
        f"state:{iso3}:{role}",
        "role:state-official",
        "role:state-party-official",
    ]


def test_participants_take_part_and_access_moves_with_the_reviewers():
    review = _review(("DEU", "same"), ("KEN", "other"))
    assert _permits(review, official("DEU"), P.PARTICIPATE)
    assert not _permits(review, official("ITA"), P.PARTICIPATE)
    review.reviewers = (
        Reviewer("ITA", ("UNTOC",), "same"),
        Reviewer("KEN", ("UNTOC",), "other"),
    )
    assert not _permits(review, official("DEU"), P.PARTICIPATE)
    assert _permits(review, official("ITA"), P.PARTICIPATE)


def test_only_focal_points_of_participants_ask_for_redraws():
    review = _review(("DEU", "same"), ("KEN", "other"))
    assert _permits(review, official("FRA", "focal"), P.REQUEST_REDRAW)
    assert _permits(review, official("KEN", "focal"), P.REQUEST_REDRAW)
    assert not _permits(review, official("KEN", "expert"), P.REQUEST_REDRAW)
    assert not _permits(review, official("ITA", "focal"), P.REQUEST_REDRAW)
    assert not _permits(review, ["role:secretariat"], P.REQUEST_REDRAW)


def test_state_party_officials_see_who_reviews_signatories_do_not():
    review = _review(("DEU", "same"), ("KEN", "other"))
    assert _permits(review, official("ITA"), P.VIEW)
    assert not _permits(
        review,
        ["system.Authenticated", "state:IRN", "state:IRN:focal", "role:state-official"],
        P.VIEW,
    )
    assert not _permits(review, ["system.Authenticated", "role:ngo"], P.VIEW)


@pytest.mark.parametrize("permission", list(P))
def test_the_secretariat_decides_and_steers_and_nobody_else(permission):
    review = _review(("DEU", "same"), ("KEN", "other"))
    allowed = _permits(review, ["role:secretariat"], permission)
    assert allowed == (permission not in (P.REQUEST_REDRAW, P.AGREE_TERMS))
    assert not _permits(review, official("FRA", "focal"), P.DECIDE_REDRAW)
    assert not _permits(review, official("FRA", "focal"), P.STEER)


def test_a_broken_review_denies_everything():
    review = _review(("DEU", "same"))
    review.reviewers = (None,)  # no .state: the ACL cannot be computed
    assert not _permits(review, ["role:secretariat"], P.VIEW)
    assert not _permits(review, official("FRA"), P.VIEW)
