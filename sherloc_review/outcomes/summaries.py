"""Drafting, approving, translating and issuing the summary (¶38, ¶39).

The summary follows the blueprint's four headings and holds at most 1,500
words in all (:mod:`.words`).  Each save makes the next version over the
one the writer read (:class:`~sherloc_review.versioned.Stale` otherwise);
approval is as for the list.  Once agreed, the Secretariat records the
translations, typed or uploaded, each in progress or final; the summary is
issued when every official language has a final text, which concludes the
phase.
"""

from __future__ import annotations

from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..responses.access import read_current
from ..versioned import Stale, Version, checked_text
from .agreement import Agreed
from .blueprint import KINDS
from .follow import summary_issued
from .resources import (
    LANGUAGES,
    SUMMARY_STAGE,
    TRANSLATION_STATUSES,
    Summary,
    SummaryVersion,
    Translation,
)
from .words import MAX_WORDS, count_words


def _in_stage(summary: Summary) -> None:
    read_current(summary.phase)  # never beside the phase's next step
    # A phase stepped to its summary by hand before lists were agreed here
    # has none: the summary of a list not agreed is no summary (¶39).
    agreed = summary.observations.agreed is not None
    if summary.phase.state != SUMMARY_STAGE or not agreed:
        raise ActionRefused(_("The summary is written once the list is agreed."))


def checked_sections(sections: dict) -> tuple[tuple[tuple[str, str], ...], int]:
    """The texts under each heading, and their words (¶38: at most 1,500)."""
    found = tuple(
        (kind, checked_text(sections.get(kind, ""), kind, False)) for kind in KINDS
    )
    if not any(text.strip() for _kind, text in found):
        raise ActionRefused(_("Write something first."), KINDS[0])
    words = count_words("\n".join(text for _kind, text in found))
    if words > MAX_WORDS:
        raise ActionRefused(
            _(
                "The summary holds ${words} words; at most ${max} are allowed (¶38).",
                mapping={"words": words, "max": MAX_WORDS},
            )
        )
    return found, words


def save_summary(
    summary: Summary,
    sections: dict,
    language: str,
    base: int,
    by: str,
    at: float,
) -> SummaryVersion | None:
    """Save the summary over version ``base``; ``None`` when unchanged."""
    _in_stage(summary)
    if summary.agreed is not None:
        raise ActionRefused(_("The summary is agreed; it no longer changes."))
    if language not in LANGUAGES:
        raise ActionRefused(_("Choose the language it is written in."), "language")
    found, words = checked_sections(sections)
    current = summary.current
    if base != summary.latest:
        text = "\n\n".join(t for _k, t in current.sections) if current else ""
        raise Stale(Version(summary.latest, text, current.by, current.at))
    if current is not None and (current.sections, current.language) == (
        found,
        language,
    ):
        return None
    version = SummaryVersion(summary.latest + 1, found, language, words, by, at)
    summary.add_version(version)
    return version


def approve_summary(
    summary: Summary, party: str, version: int, by: str, today: date, at: float
) -> bool:
    """As :func:`.lists.approve_list`, for the summary."""
    agreed = summary.agreed
    if agreed is not None and agreed.version == version:
        return True
    _in_stage(summary)
    read_current(summary.country)  # as for the list: a redraw meanwhile conflicts
    if not summary.approve(summary.parties, party, version, by, at):
        return False
    summary.agreed = Agreed(version, today.isoformat(), at)
    return True


def record_translation(
    mechanism,
    summary: Summary,
    language: str,
    status: str,
    by: str,
    today: date,
    at: float,
    sections: dict | None = None,
    file=None,
) -> Translation:
    """The Secretariat records ``language``'s text, typed (``sections``) or
    a file; the last final one issues the summary."""
    _in_stage(summary)
    if summary.agreed is None:
        raise ActionRefused(_("The summary is translated once it is agreed."))
    if summary.issued_on is not None:
        raise ActionRefused(_("The summary is issued; its translations are final."))
    if language not in LANGUAGES or language == summary.language:
        raise ActionRefused(_("Choose a language to translate into."), "language")
    if status not in TRANSLATION_STATUSES:
        raise ActionRefused(_("Choose the translation's status."), "status")
    translation = summary.translations.get(language) or Translation(language)
    typed = sections is not None and any((t or "").strip() for t in sections.values())
    if typed:
        translation.sections = tuple(
            (kind, checked_text(sections.get(kind, ""), kind, False)) for kind in KINDS
        )
    if file is not None:
        translation.file = file
    if not translation.sections and translation.file is None:
        raise ActionRefused(_("Type the translation or upload its file."))
    translation.status = status
    translation.history = (*translation.history, (status, by, at))
    summary.translations[language] = translation
    # Written on the summary itself: two last translations at once conflict,
    # and the retry sees both (a BTree would merge them unseen).
    summary.last_translation = (language, status, by, at)
    if not summary.missing_languages():
        summary.issued_on = today.isoformat()
        summary_issued(mechanism, summary, by, today)
    return translation
