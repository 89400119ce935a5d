"""Drafting, approving and withholding the list of observations (¶38, ¶39).

Every act names what it was based on: an entry's edit the entry's revision
(a save over someone else's edit is :class:`~sherloc_review.versioned.Stale`,
with their text), an approval the list's version, a withholding the
decision it replaces.  Edits and approvals write the list itself, so two at
once conflict and the retry sees the other.  When the last party approves
the current version the list is agreed: the phase moves to the summary and
its technical-assistance needs become records (:mod:`.follow`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..cycle.workflow import CONCLUDED
from ..i18n import _
from ..numbers import number
from ..responses.access import read_current
from ..versioned import Stale, Version, checked_text
from .agreement import Agreed
from .blueprint import ASSISTANCE, KINDS, NEEDS, PRIORITIES, provisions
from .follow import list_agreed, withholding_changed
from .resources import (
    LIST_APPROVING,
    LIST_DRAFTING,
    Entry,
    ListVersion,
    Observations,
    Withholding,
)

#: The most entries a list holds (¶38: precise and concise).
MAX_ENTRIES = 400
MAX_CITES = 20
SECRETARIAT_PARTY = "secretariat"


def _drafting(observations: Observations) -> None:
    read_current(observations.phase)  # never beside the phase's next step
    if observations.agreed is not None:
        raise ActionRefused(_("The list is agreed; it no longer changes."))
    if observations.phase.state not in LIST_DRAFTING:
        raise ActionRefused(
            _("The list of observations is drafted at the dialogue stage.")
        )


def instruments_of(observations: Observations, party: str) -> tuple[str, ...]:
    """What ``party`` drafts: an additional reviewer only its instruments
    (¶28(b)); the State under review and the Secretariat every one."""
    country = observations.country
    everything = tuple(i for i, a in provisions(observations.phase) if not a)
    if party in (country.iso3, SECRETARIAT_PARTY):
        return everything
    for reviewer in country.reviewers:
        if reviewer.state == party:
            return tuple(i for i in everything if i in reviewer.instruments)
    return ()


def checked_cites(observations: Observations, cites) -> tuple[str, ...]:
    """``cites`` if each names a question of the responses or a thread."""
    phase = observations.phase
    found = []
    for cite in cites:
        kind, _sep, rest = (cite or "").partition("/")
        if kind == "responses":
            instrument, _sep, question = rest.partition("/")
            responses = phase.responses
            assessment = responses.get(instrument) if responses is not None else None
            ok = assessment is not None and assessment.question(question) is not None
        elif kind == "dialogue":
            thread = number(rest)
            ok = thread is not None and phase.dialogue.thread(thread) is not None
        else:
            ok = False
        if not ok:
            raise ActionRefused(_("Cite the responses or the dialogue only."), "cites")
        if cite not in found:
            found.append(cite)
    if len(found) > MAX_CITES:
        raise ActionRefused(
            _("At most ${count} citations.", mapping={"count": MAX_CITES}), "cites"
        )
    return tuple(found)


def _drafts_on(observations, party: str, instrument: str) -> None:
    if instrument not in instruments_of(observations, party):
        raise ActionRefused(
            _("Your State does not review that instrument here."), "instrument"
        )


def _current(observations, party, entries, number: int, base: int) -> Entry:
    """Entry ``number`` as it stands, if ``party`` drafts on it and nobody
    saved it since revision ``base``."""
    old = next((e for e in entries if e.number == number), None)
    if old is None:
        raise KeyError(number)
    _drafts_on(observations, party, old.instrument)
    if base != old.revision:
        raise _stale(old)
    return old


def _checked(observations, party, instrument, article, kind, need, priority):
    if (instrument, article) not in provisions(observations.phase):
        raise ActionRefused(_("This phase does not review that provision."), "article")
    _drafts_on(observations, party, instrument)
    if kind not in KINDS:
        raise ActionRefused(_("Choose what the observation is."), "kind")
    if kind == ASSISTANCE:
        if need not in NEEDS:
            raise ActionRefused(_("Choose the kind of assistance needed."), "need")
        if priority not in PRIORITIES:
            raise ActionRefused(_("Choose a priority."), "priority")
        return need, priority
    return "", ""


def _stale(entry: Entry | None) -> Stale:
    if entry is None:
        return Stale(Version(0, "", "", 0.0))
    return Stale(Version(entry.revision, entry.text, entry.by, entry.at))


def save_entry(
    observations: Observations,
    party: str,
    by: str,
    at: float,
    *,
    entry: int = 0,
    base: int = 0,
    instrument: str,
    article: str,
    kind: str,
    text: str,
    cites=(),
    need: str = "",
    priority: str = "",
) -> Entry:
    """Add an entry (``entry`` 0) or save one over its revision ``base``."""
    _drafting(observations)
    need, priority = _checked(
        observations, party, instrument, article, kind, need, priority
    )
    text = checked_text(text)
    cites = checked_cites(observations, cites)
    entries = list(observations.entries)
    if entry:
        old = _current(observations, party, entries, entry, base)
        new = replace(
            old,
            instrument=instrument,
            article=article,
            kind=kind,
            text=text,
            revision=old.revision + 1,
            by=by,
            at=at,
            cites=cites,
            need=need,
            priority=priority,
        )
        if new == replace(old, revision=new.revision, by=by, at=at):
            return old  # nothing changed: no new version
        entries[entries.index(old)] = new
        note = f"revised {entry}"
    else:
        if len(entries) >= MAX_ENTRIES:
            raise ActionRefused(
                _(
                    "A list holds at most ${count} entries.",
                    mapping={"count": MAX_ENTRIES},
                )
            )
        new = Entry(
            observations.next_entry,
            instrument,
            article,
            kind,
            text,
            1,
            by,
            at,
            cites,
            need,
            priority,
        )
        observations.next_entry += 1
        entries.append(new)
        note = f"added {new.number}"
    _new_version(observations, tuple(entries), by, at, note)
    return new


def remove_entry(
    observations: Observations, party: str, by: str, at: float, entry: int, base: int
) -> None:
    """Take an entry out of the list (earlier versions keep it)."""
    _drafting(observations)
    entries = list(observations.entries)
    old = _current(observations, party, entries, entry, base)
    entries.remove(old)
    _new_version(observations, tuple(entries), by, at, f"removed {entry}")


def _new_version(observations, entries, by, at, note) -> None:
    version = ListVersion(observations.latest + 1, entries, by, at, note)
    observations.add_version(version)


def approve_list(
    mechanism,
    observations: Observations,
    party: str,
    version: int,
    by: str,
    today: date,
    at: float,
) -> bool:
    """``party``'s focal point approves ``version``; ``True`` once agreed.

    The same approval sent again answers as the first did, even after the
    agreement it completed."""
    agreed = observations.agreed
    if agreed is not None and agreed.version == version:
        return True
    read_current(observations.phase)
    # The parties are the review's as they stand: a redraw committed
    # meanwhile makes this approval conflict, and the retry asks the new
    # reviewer too (¶28(d), ¶39).
    read_current(observations.country)
    if observations.phase.state != LIST_APPROVING:
        raise ActionRefused(_("The list is approved once the dialogue is completed."))
    if not observations.approve(observations.parties, party, version, by, at):
        return False
    observations.agreed = Agreed(version, today.isoformat(), at)
    list_agreed(mechanism, observations, by, today)
    return True


def withhold(
    observations: Observations,
    entries,
    by: str,
    at: float,
    reason: str,
    seen: int,
) -> Withholding:
    """The State under review keeps ``entries`` confidential (¶38);
    ``seen`` is how many decisions its page showed (a decision taken
    meanwhile is never overwritten unseen)."""
    read_current(observations.phase)
    if observations.phase.state == CONCLUDED:
        raise ActionRefused(
            _("This phase is concluded: its outcome no longer changes.")
        )
    if seen != len(observations.withholdings):
        raise ActionRefused(
            _("Someone changed what is kept confidential meanwhile; see below.")
        )
    known = {e.number for v in observations.versions.values() for e in v.entries}
    chosen = frozenset(entries)
    if not chosen <= known:
        raise ActionRefused(_("There is no such entry."), "entries")
    reason = checked_text(reason, "reason", required=bool(chosen))
    decision = Withholding(chosen, by, at, reason)
    observations.withholding = decision
    observations.withholdings = (*observations.withholdings, decision)
    withholding_changed(observations)
    return decision
