"""The self-assessment's ACL, principal by principal, draft and submitted."""

from __future__ import annotations

from datetime import date

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from sherloc_review.responses.permissions import ResponsesPermission as P
from sherloc_review.responses.submit import submit

BASE = [Everyone, Authenticated, "user:someone"]
OBSERVER = [
    "state:KEN",
    "state:KEN:observer",
    "role:state-official",
    "role:state-party-official",
]
EXPERT = [
    "state:KEN",
    "state:KEN:expert",
    "role:state-official",
    "role:state-party-official",
]
FOCAL = [
    "state:KEN",
    "state:KEN:focal",
    "role:state-official",
    "role:state-party-official",
]
PARTY = [
    "state:FRA",
    "state:FRA:focal",
    "role:state-official",
    "role:state-party-official",
]
SIGNATORY = ["state:XXX", "state:XXX:focal", "role:state-official"]


def _permits(node, principals, permission) -> bool:
    return bool(ACLHelper().permits(node, BASE + principals, permission))


@pytest.mark.parametrize(
    ("principals", "granted"),
    [
        (OBSERVER, {P.VIEW_DRAFT, P.VIEW_SUBMITTED}),
        (EXPERT, {P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.EDIT}),
        (FOCAL, {P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.EDIT, P.SUBMIT}),
        (
            ["role:secretariat"],
            {P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.EDIT, P.SUBMIT, P.ASSIST},
        ),
        (PARTY, set()),
        (SIGNATORY, set()),
        (["role:ngo"], set()),
        (["role:chair", "role:bureau"], set()),
        ([], set()),
    ],
)
def test_a_draft(untoc, principals, granted):
    found = {p for p in P if _permits(untoc, principals, p)}
    assert found == granted


@pytest.mark.parametrize(
    ("principals", "granted"),
    [
        (OBSERVER, {P.VIEW_DRAFT, P.VIEW_SUBMITTED}),
        (EXPERT, {P.VIEW_DRAFT, P.VIEW_SUBMITTED}),
        (FOCAL, {P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.SUBMIT, P.PUBLISH}),
        (["role:secretariat"], {P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.SUBMIT, P.ASSIST}),
        (PARTY, {P.VIEW_SUBMITTED}),
        (SIGNATORY, set()),
        (["role:ngo"], set()),
        (["role:chair", "role:bureau"], set()),
        ([], set()),
    ],
)
def test_once_submitted(untoc, principals, granted):
    submit(untoc, "focal-ken", date(2027, 1, 20), "key", False)
    found = {p for p in P if _permits(untoc, principals, p)}
    assert found == granted
