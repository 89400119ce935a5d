"""The demo's written feedback and dialogue, on Italy's phase 1.

Italy submitted its responses (:mod:`sherloc_review.responses.demo`), so
its reviewers write feedback: the first reviewing State released its
feedback with a request for clarification, which Italy has not answered
yet; the second is still drafting (so the phase stays at the feedback
stage).  A general thread holds a few messages, and the record of a
videoconference (¶36) its minutes.  Every text says it is demonstration
content.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..feedback.items import add_item, release
from .resources import RecordDetails, Topic
from .threads import post, start_thread

DEMO_KEY = "demo-profile"
_NOTE = "Demonstration content, not an official communication."


class _Author:
    def __init__(self, login: str, state: str) -> None:
        self.login, self.state = login, state


def _feedback(mechanism, phase, changed, today: date) -> None:
    for index, reviewer in enumerate(phase.country.reviewers[:2]):
        written = phase.feedback.ensure(reviewer.state)
        if len(written.items) or phase.state != "feedback":
            continue
        by = f"expert-{reviewer.state.lower()}"
        instrument = reviewer.instruments[0]
        article = phase.responses[instrument].questions[0].article
        add_item(
            written,
            instrument,
            article,
            "measures",
            f"The measures reported are comprehensive. {_NOTE}",
            by,
        )
        add_item(
            written,
            instrument,
            article,
            "clarification",
            f"Please clarify how the offence is applied in practice. {_NOTE}",
            by,
        )
        if index == 0:
            release(
                mechanism, written, f"focal-{reviewer.state.lower()}", today, DEMO_KEY
            )
            changed("released the demo feedback of %s", reviewer.state)
        else:
            changed("began the demo feedback of %s", reviewer.state)


def _threads(phase, changed, today: date) -> None:
    dialogue = phase.dialogue
    if len(dialogue.threads) or not phase.country.reviewers:
        return
    iso3 = phase.country.iso3
    reviewer = phase.country.reviewers[0].state
    ours = _Author(f"focal-{iso3.lower()}", iso3)
    theirs = _Author(f"expert-{reviewer.lower()}", reviewer)
    thread = start_thread(
        dialogue,
        "Organisation of the constructive dialogue",
        Topic(),
        f"We propose to hold a videoconference next month. {_NOTE}",
        ours,
    )
    post(thread, f"We agree and suggest two dates. {_NOTE}", theirs, reply_to=1)
    start_thread(
        dialogue,
        "Videoconference between the parties",
        Topic(),
        f"Minutes: the parties went through the written feedback. {_NOTE}",
        ours,
        record=RecordDetails(
            today - timedelta(days=1), "videoconference", f"{iso3}, {reviewer}"
        ),
    )
    changed("began the demo dialogue of %s", iso3)


def install_demo(mechanism, changed, today: date) -> None:
    country = mechanism["countries"].get("ITA")
    phase = country.phases.get(1) if country is not None else None
    if phase is None or phase.dialogue is None:
        return
    _feedback(mechanism, phase, changed, today)
    _threads(phase, changed, today)
