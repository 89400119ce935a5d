"""The demo's outcomes: Singapore's list awaiting one approval, Jordan's agreed.

Both States (group 1, phase 1, the Convention and the trafficking
Protocol) answer and submit their responses, their reviewing States release
written feedback, and the Secretariat records the end of the dialogue.  On
Singapore's phase the list of observations is drafted and approved by
Singapore and its first reviewing State; the second (``focal-rus`` in the
demo draw) has yet to approve.  Jordan's list is agreed, so its phase is at
the summary, which is agreed too and translated into French; its
technical-assistance needs are recorded: it requested assistance for the
first (¶45) and reports the second in progress (¶44, ¶46).  Every text
says it is demonstration content.
"""

from __future__ import annotations

import time
from datetime import date

from ..assistance.acts import report_progress, request
from ..cycle.steps import advance
from ..dialogue.resources import Topic
from ..dialogue.threads import start_thread
from ..feedback.items import add_item, release
from ..responses.answers import save
from ..responses.resources import DRAFT, AnswerValue
from ..responses.submit import submit
from .blueprint import ASSISTANCE, GAP, PRACTICE, SUGGESTION
from .lists import approve_list, save_entry
from .summaries import approve_summary, record_translation, save_summary

DEMO_KEY = "demo-profile"
_NOTE = "Demonstration content, not an official text."
#: The closed answers, in turn: the general report then has something to count.
_CLOSED = ("yes", "partly", "yes", "no")


class _Author:
    def __init__(self, login: str, state: str) -> None:
        self.login, self.state = login, state


def _respond(phase, today: date) -> None:
    iso3 = phase.country.iso3
    by = f"focal-{iso3.lower()}"
    for assessment in phase.responses.values():
        for index, question in enumerate(assessment.questions):
            if assessment.answers[question.id].revision == 0:
                value = AnswerValue(
                    closed=_CLOSED[index % len(_CLOSED)],
                    text=f"Answer of {iso3} on article {question.article}. {_NOTE}",
                )
                save(assessment, question.id, value, 0, by)
        if assessment.status == DRAFT:
            submit(assessment, by, today, DEMO_KEY, on_behalf=False)


def _feedback(mechanism, phase, today: date) -> None:
    for reviewer in phase.country.reviewers:
        written = phase.feedback.ensure(reviewer.state)
        if phase.state != "feedback":
            return
        instrument = reviewer.instruments[0]
        article = phase.responses[instrument].questions[0].article
        add_item(
            written,
            instrument,
            article,
            "success",
            f"The legislation covers the offence. {_NOTE}",
            f"expert-{reviewer.state.lower()}",
        )
        release(mechanism, written, f"focal-{reviewer.state.lower()}", today, DEMO_KEY)


def _entries(observations, today: date) -> None:
    phase = observations.phase
    reviewer = phase.country.reviewers[0].state
    by = f"expert-{reviewer.lower()}"
    assessment = phase.responses["UNTOC"]
    first, second = assessment.questions[0], assessment.questions[-1]
    thread = start_thread(
        phase.dialogue,
        "Points for the list of observations",
        Topic(),
        f"We propose the entries drafted in the list. {_NOTE}",
        _Author(by, reviewer),
    )
    cite = (f"responses/UNTOC/{first.id}", f"dialogue/{thread.number}")
    plan = (
        (first.article, GAP, "Statistics on convictions are not collected.", "", ""),
        (first.article, PRACTICE, "A specialised prosecution unit.", "", ""),
        (second.article, SUGGESTION, "Consider a national coordination body.", "", ""),
        (second.article, ASSISTANCE, "Training of investigators.", "training", "high"),
        (first.article, ASSISTANCE, "A case-management system.", "data", "medium"),
    )
    for article, kind, text, need, priority in plan:
        save_entry(
            observations,
            reviewer,
            by,
            time.time(),
            instrument="UNTOC",
            article=article,
            kind=kind,
            text=f"{text} {_NOTE}",
            cites=cite,
            need=need,
            priority=priority,
        )


def _approve(mechanism, outcome, approve, parties, today: date) -> None:
    for party in parties:
        approve(
            mechanism, outcome, party, outcome.latest, f"focal-{party.lower()}", today
        )


def _to_outcome(mechanism, iso3: str, today: date, changed):
    country = mechanism["countries"].get(iso3)
    phase = country.phases.get(1) if country is not None else None
    if phase is None or phase.observations is None or phase.observations.latest:
        return None
    if phase.state == "self_assessment":
        _respond(phase, today)
    _feedback(mechanism, phase, today)
    if phase.state == "dialogue":
        advance(mechanism, phase, "secretariat", today, "demonstration")
    if phase.state != "observations":
        return None
    _entries(phase.observations, today)
    changed("drafted the demo list of observations of %s", iso3)
    return phase


def _list_approval(mechanism, observations, party, version, by, today):
    return approve_list(mechanism, observations, party, version, by, today, time.time())


def _summary_approval(mechanism, summary, party, version, by, today):
    return approve_summary(summary, party, version, by, today, time.time())


def install_demo(mechanism, changed, today: date) -> None:
    singapore = _to_outcome(mechanism, "SGP", today, changed)
    if singapore is not None:
        parties = singapore.country.participants[:2]
        _approve(mechanism, singapore.observations, _list_approval, parties, today)
        changed("approved the demo list of SGP for %s", ", ".join(parties))
    jordan = _to_outcome(mechanism, "JOR", today, changed)
    if jordan is None:
        return
    observations = jordan.observations
    parties = jordan.country.participants
    _approve(mechanism, observations, _list_approval, parties, today)
    summary = observations.summary
    save_summary(
        summary,
        {
            GAP: f"Statistics on convictions are not collected. {_NOTE}",
            PRACTICE: f"A specialised prosecution unit. {_NOTE}",
            SUGGESTION: f"A national coordination body. {_NOTE}",
            ASSISTANCE: f"Training and a case-management system. {_NOTE}",
        },
        "en",
        0,
        "secretariat",
        time.time(),
    )
    _approve(mechanism, summary, _summary_approval, parties, today)
    record_translation(
        mechanism,
        summary,
        "fr",
        "final",
        "secretariat",
        today,
        time.time(),
        sections={
            GAP: f"Les statistiques des condamnations ne sont pas tenues. {_NOTE}",
            PRACTICE: f"Une unité spécialisée du parquet. {_NOTE}",
            SUGGESTION: f"Un organe national de coordination. {_NOTE}",
            ASSISTANCE: f"Formation et système de gestion des affaires. {_NOTE}",
        },
    )
    assistance = jordan.assistance
    focal = "focal-jor"
    request(
        assistance, 1, f"Please help train investigators. {_NOTE}", focal, today, 1.0
    )
    report_progress(
        assistance,
        2,
        "in-progress",
        f"A case-management system is being procured. {_NOTE}",
        focal,
        today,
        1.0,
    )
    changed("agreed the demo list and summary of JOR (translated into French)")
