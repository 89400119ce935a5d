"""The demo's responses: some drafts under way, some submitted.

Italy (group 1) has answered and submitted every instrument, so its phase
is at the written-feedback stage and its reviewers can read it; Argentina
has submitted the Convention only; Kenya (``focal-ken``) has begun the
Convention's questionnaire.  Every text says it is demonstration content.
"""

from __future__ import annotations

from datetime import date

from .answers import save
from .resources import AnswerValue
from .submit import submit

DEMO_KEY = "demo-profile"
_LEGISLATION = {("ITA", "I-UNTOC-5"): ("demo-ita-codice-penale-416-bis",)}


def _value(iso3: str, question) -> AnswerValue:
    legislation = _LEGISLATION.get((iso3, question.id), ())
    follow_ups = tuple(
        (
            f.id,
            f"Demonstration answer of {iso3} to “{f.text[:60]}…”: sample content, "
            "not an official response.",
        )
        for f in question.follow_ups
        if "yes" in f.when
    )
    return AnswerValue(
        closed="yes",
        follow_ups=follow_ups,
        text=f"Demonstration answer of {iso3} on article {question.article}: sample "
        "content, not an official response.",
        legislation=legislation,
    )


def _answer(assessment, count: int | None, by: str) -> int:
    done = 0
    for question in assessment.questions[:count]:
        if assessment.answers[question.id].revision == 0:
            save(assessment, question.id, _value(assessment.iso3, question), 0, by)
            done += 1
    return done


def install_demo(mechanism, changed, today: date) -> None:
    countries = mechanism["countries"]
    plan = (
        ("ITA", None, True),  # every instrument, submitted
        ("ARG", "UNTOC", True),  # the Convention, submitted
        ("KEN", "UNTOC", False),  # begun: three answers
    )
    for iso3, only, submitting in plan:
        country = countries.get(iso3)
        phase = country.phases.get(1) if country is not None else None
        if phase is None or phase.responses is None:
            continue
        for instrument, assessment in phase.responses.items():
            if only and instrument != only:
                continue
            by = f"focal-{iso3.lower()}"
            answered = _answer(assessment, None if submitting else 3, by)
            if submitting and assessment.status == "draft":
                submit(assessment, by, today, DEMO_KEY, on_behalf=False)
                changed("submitted the demo responses of %s, %s", iso3, instrument)
            elif answered:
                changed("began the demo responses of %s, %s", iso3, instrument)
