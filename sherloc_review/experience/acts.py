"""The State under review writes and shares its experience (¶42).

Its officials draft the text once at least one of the phase's
self-assessments was submitted, each save over the revision its writer
read (:class:`~sherloc_review.versioned.Stale` when someone saved since).
Its focal point shares it, confirming the version it read, or stops
sharing; either act again changes nothing.
"""

from __future__ import annotations

from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..responses.access import read_current
from ..responses.resources import SUBMITTED
from ..versioned import Stale, Version, checked_text
from .resources import Experience
from .shared import SharedRow, ensure_index, index_of, key


def submitted(experience: Experience) -> bool:
    """Whether one of the phase's self-assessments was submitted."""
    responses = experience.phase.responses
    return any(a.status == SUBMITTED for a in (responses.values() if responses else ()))


def save(
    experience: Experience, text: str, by: str, base: int, at: float
) -> Version | None:
    """Save ``text`` over revision ``base``; ``None`` when unchanged."""
    if not submitted(experience):
        raise ActionRefused(
            _(
                "Your State writes its experience once it has submitted its "
                "responses to a questionnaire of this phase."
            )
        )
    return experience.text.revise(checked_text(text), by, base, at)


def share(
    mechanism, experience: Experience, by: str, revision: int, today: date, at: float
) -> None:
    """Let every State party's officials read the text of ``revision``
    (sharing again shares the version read then)."""
    text = experience.text
    read_current(text)  # never share beside a save committed meanwhile
    if revision != text.revision:
        raise Stale(text.current or Version(0, "", "", 0.0))
    if not text.text.strip():
        raise ActionRefused(_("Write the text before sharing it."))
    if experience.shared_at is not None and experience.shared_revision == revision:
        return
    experience.shared_at, experience.shared_by = at, by
    experience.shared_revision = revision
    phase = experience.phase
    ensure_index(mechanism)[key(experience.country.iso3, phase.number)] = SharedRow(
        experience.country.iso3, phase.number, at, today.isoformat()
    )


def unshare(mechanism, experience: Experience) -> None:
    """Only the State's officials and the Secretariat read it again."""
    if experience.shared_at is None:
        return
    experience.shared_at, experience.shared_by = None, ""
    index = index_of(mechanism)
    name = key(experience.country.iso3, experience.phase.number)
    if index is not None and name in index:
        del index[name]
