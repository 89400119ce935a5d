"""The engine's own checker catches each broken rule (it must be able to fail)."""

from dataclasses import replace

import pytest

from sherloc_review.draw import Assignment, draw
from sherloc_review.draw.result import make_review
from sherloc_review.draw.rules import violations


@pytest.fixture(scope="module")
def valid(small_population):
    result = draw(small_population, "rules")
    assert violations(small_population, result) == []
    return result


def _with(result, iso3, reviewers):
    reviews = tuple(
        make_review(iso3, reviewers) if r.under_review == iso3 else r
        for r in result.reviews
    )
    return replace(result, reviews=reviews)


def _reviewers(result, iso3):
    return list(result.review_of(iso3).reviewers)


def test_self_review(small_population, valid):
    reviewers = _reviewers(valid, "AAA")
    reviewers[0] = replace(reviewers[0], state="AAA")
    assert any(
        "reviews itself" in v
        for v in violations(small_population, _with(valid, "AAA", reviewers))
    )


def test_mutual_review(small_population, valid):
    same = next(a for a in valid.review_of("BBB").reviewers if a.role == "same")
    reviewers = [a for a in _reviewers(valid, same.state) if a.role != "same"]
    reviewers.append(Assignment("BBB", same.instruments, "same"))
    found = violations(small_population, _with(valid, same.state, reviewers))
    assert any("review each other" in v for v in found), found


def test_same_reviewer_from_another_group(small_population, valid):
    reviewers = _reviewers(valid, "AAA")
    index = next(i for i, a in enumerate(reviewers) if a.role == "same")
    reviewers[index] = Assignment("EEE", ("UNTOC",), "same")
    found = violations(small_population, _with(valid, "AAA", reviewers))
    assert any("not from the regional group" in v for v in found), found


def test_missing_coverage(small_population, valid):
    review = next(
        r for r in valid.reviews if any(a.role == "additional" for a in r.reviewers)
    )
    extra = next(a for a in review.reviewers if a.role == "additional")
    reviewers = [a for a in review.reviewers if a != extra]
    found = violations(small_population, _with(valid, review.under_review, reviewers))
    missing = f"fewer than two reviewers for {extra.instruments[0]}"
    assert any(missing in v for v in found), found


def test_overloaded_reviewer(small_population, valid):
    result = valid
    for iso3 in ("DDD", "EEE", "FFF", "GGG"):
        others = [a for a in _reviewers(result, iso3) if a.role != "additional"]
        shared = tuple(
            i
            for i in small_population[iso3].reviewed_instruments
            if i in small_population["HHH"].parties
        )
        result = _with(result, iso3, [*others, Assignment("HHH", shared, "additional")])
    found = violations(small_population, result)
    assert any("HHH performs" in v for v in found), found


def test_unbalanced_groups(small_population, valid):
    groups = (
        valid.groups[0] + valid.groups[1][:2],
        valid.groups[1][2:],
        valid.groups[2],
    )
    found = violations(small_population, replace(valid, groups=groups))
    assert any("one third each" in v for v in found), found
