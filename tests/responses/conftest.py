"""Fixtures of the questionnaire module's tests: the demo's phase 1.

After the demo profile, Kenya (group 1) has its self-assessments in draft
(the Convention begun), Italy has submitted every instrument and Argentina
the Convention only.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def mechanism(portal):
    return portal["review"]


@pytest.fixture
def kenya(mechanism):
    """Kenya's phase 1: a draft per instrument it is party to."""
    return mechanism["countries"]["KEN"].phases[1]


@pytest.fixture
def untoc(kenya):
    return kenya.responses["UNTOC"]


def unanswered_id(assessment) -> str:
    """A question nobody answered yet."""
    return next(
        q.id for q in assessment.questions if not assessment.answers[q.id].revision
    )
