"""Turn an installed site back into what older versions of the add-on left.

Each old-data test rewinds the later versions too, so the installer finds
a whole upgrade path from the version the test starts at.
"""

from __future__ import annotations

import transaction

from sherloc_portal.resources.root import ROOT_KEY
from sherloc_review.countries.resources import CountryReview
from sherloc_review.cycle.phases import PhaseReview

CYCLE_STEPS = ("default:3->4", "demo:2->3")
QUESTIONNAIRE_STEPS = ("default:4->5", "demo:3->4")
DIALOGUE_STEPS = ("default:5->6", "demo:4->5")
STAKEHOLDER_STEPS = ("default:6->7", "demo:5->6")
OUTCOME_STEPS = ("default:7->8", "demo:6->7")


def old_country_review(country: CountryReview) -> CountryReview:
    """A review as version 3 pickled it: no ``phases``, schema 1."""
    country._p_activate()  # a ghost has no state to copy
    kept = {k: v for k, v in vars(country).items() if k != "phases"}
    old = CountryReview.__new__(CountryReview)
    old.__setstate__({**kept, "schema_version": 1})
    return old


def phase_before_the_dialogue(phase: PhaseReview) -> PhaseReview:
    """A phase as version 5 pickled it: no ``feedback`` nor ``dialogue``,
    schema 2 (the demo's feedback never moves a phase on: one reviewing
    State still drafts)."""
    phase._p_activate()
    kept = {k: v for k, v in vars(phase).items() if k not in ("feedback", "dialogue")}
    old = PhaseReview.__new__(PhaseReview)
    old.__setstate__({**kept, "schema_version": 2})
    return old


def old_phase(phase: PhaseReview) -> PhaseReview:
    """A phase as version 4 pickled it: no ``responses``, schema 1, and not
    moved on by the demo's submitted responses (version 4 had none)."""
    phase._p_activate()
    dropped = ("responses", "feedback", "dialogue")
    kept = {k: v for k, v in vars(phase).items() if k not in dropped}
    if any(step.note == "responses submitted" for step in phase.steps):
        kept.update(state="self_assessment", steps=(), responses_received=None)
    old = PhaseReview.__new__(PhaseReview)
    old.__setstate__({**kept, "schema_version": 1})
    return old


def _rewind(root, old, default: int, steps) -> None:
    """Every phase as ``old`` makes it; ``default`` (and the demo one
    below it) recorded as installed, ``steps`` as never run."""
    review = root["review"]
    review._p_changed = True
    for country in review["countries"].values():
        for number in list(country.phases.keys()):
            phase = old(country.phases[number])
            phase.__parent__ = country
            country.phases[number] = phase
    root.installed["default"] = default
    if "demo" in root.installed:
        root.installed["demo"] = default - 1
    for key in steps:
        root.upgrades_done.pop(key, None)


def phase_before_the_outcomes(phase: PhaseReview) -> PhaseReview:
    """A phase as version 7 pickled it: no ``observations`` nor
    ``assistance``, schema 3, and not moved past the dialogue (version 7
    had no list to agree)."""
    phase._p_activate()
    dropped = ("observations", "assistance", "experience")
    kept = {k: v for k, v in vars(phase).items() if k not in dropped}
    if phase.state in ("observations", "summary"):
        later = ("dialogue", "observations")
        steps = tuple(s for s in phase.steps if s.source not in later)
        kept.update(state="dialogue", steps=steps)
    old = PhaseReview.__new__(PhaseReview)
    old.__setstate__({**kept, "schema_version": 3})
    return old


def before_the_outcomes(root) -> None:
    """Version 7 of ``default`` (and 6 of ``demo``): no lists of
    observations, summaries nor technical-assistance records."""
    review = root["review"]
    review._p_activate()
    for name in ("assistance_index", "experience_index", "report_index"):
        review.__dict__.pop(name, None)
    if "reports" in review:
        review.remove("reports")
    _rewind(root, phase_before_the_outcomes, 7, OUTCOME_STEPS)


def before_the_stakeholders(root) -> None:
    """Version 6 of ``default`` (and 5 of ``demo``): no constructive
    dialogues (¶53)."""
    before_the_outcomes(root)
    review = root["review"]
    if "dialogues" in review:
        review.remove("dialogues")
    root.installed["default"] = 6
    if "demo" in root.installed:
        root.installed["demo"] = 5
    for key in STAKEHOLDER_STEPS:
        root.upgrades_done.pop(key, None)


def before_the_dialogue(root) -> None:
    """Version 5 of ``default`` (and 4 of ``demo``): phases without
    feedback nor dialogue, no notification preferences."""
    before_the_stakeholders(root)
    review = root["review"]
    if "dialogues" in root["knowledge"]:
        root["knowledge"].remove("dialogues")
    review._p_activate()
    review.__dict__.pop("dialogue_preferences", None)
    _rewind(root, phase_before_the_dialogue, 5, DIALOGUE_STEPS)


def before_the_questionnaires(root) -> None:
    """Version 4 of ``default`` (and 3 of ``demo``): phases without
    responses, no responses catalog."""
    before_the_dialogue(root)
    review = root["review"]
    if "guidance" in review:
        review.remove("guidance")
    if "responses" in root["knowledge"]:
        root["knowledge"].remove("responses")
    review.__dict__.pop("responses_catalog", None)
    _rewind(root, old_phase, 4, QUESTIONNAIRE_STEPS)


def before_the_cycle(root) -> None:
    """Version 3 of ``default`` (and 2 of ``demo``): no ``/review/cycle``."""
    before_the_questionnaires(root)
    review = root["review"]
    if "cycle" in review:
        review.remove("cycle")
    countries = review.get("countries")
    for iso3 in list(countries or ()):
        countries.add(iso3, old_country_review(countries[iso3]), replace=True)
    root.installed["default"] = 3
    if "demo" in root.installed:
        root.installed["demo"] = 2
    for key in CYCLE_STEPS:
        root.upgrades_done.pop(key, None)


def in_transaction(db, func):
    """``func(portal root)`` in a transaction of its own, committed."""
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            return func(conn.root()[ROOT_KEY])
    finally:
        conn.close()
