"""Give a phase its self-assessments when it opens (¶25).

A phase begins with the State under review answering the relevant section
of the cluster's questionnaire for each instrument it is party to; each
self-assessment keeps a copy of the questions it was opened with, so a
later version of the questionnaire never changes what was asked.
"""

from __future__ import annotations

from .catalog import catalog_of
from .resources import Responses, SelfAssessment

RESPONSES = "responses"


def open_responses(mechanism, phase) -> Responses:
    """Create ``phase.responses`` (idempotent: an existing one is kept)."""
    if phase.responses is not None:
        return phase.responses
    responses = Responses()
    responses.__name__ = RESPONSES
    responses.__parent__ = phase
    phase.responses = responses
    definition = mechanism["questionnaires"].get(phase.cluster)
    state = mechanism["states"].get(phase.country.iso3)
    if definition is None or state is None:
        return responses
    for section in definition.sections:
        if state.is_party(section.instrument):
            responses.add(
                section.instrument,
                SelfAssessment(
                    section.instrument,
                    phase.cluster,
                    definition.version,
                    section.questions,
                ),
            )
    return responses


def install(mechanism, changed) -> None:
    """The catalog, and responses for every open phase that has none (a
    site upgraded from before the questionnaire module)."""
    if getattr(mechanism, "responses_catalog", None) is None:
        catalog_of(mechanism)
        changed("created the responses catalog")
    countries = mechanism.get("countries")
    for country in countries.values() if countries is not None else ():
        for phase in country.phases.values():
            if phase.responses is None:
                open_responses(mechanism, phase)
                changed(
                    "opened the questionnaire of %s, phase %d",
                    country.iso3,
                    phase.number,
                )
            if phase.schema_version < 2:
                phase.schema_version = 2
