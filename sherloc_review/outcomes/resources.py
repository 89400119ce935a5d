"""``phase-N/observations``: the list of observations and its summary (¶38).

The :class:`Observations` of a phase is its list of observations, drafted
in numbered :class:`ListVersion` snapshots (each edit of an entry makes the
next version; every version is kept, so any two can be compared) and
finalized upon agreement (¶39, :mod:`.agreement`).  Each :class:`Entry`
is one observation under the blueprint (:mod:`.blueprint`): a provision, a
kind, the text, and what it cites of the responses and the dialogue.  The
State under review may keep entries confidential (¶38); the conference room
paper leaves them out and says so.

``observations/summary`` is the :class:`Summary` of the list (at most
1,500 words, ¶38), agreed the same way and then translated into the six
official languages; it is issued when all six exist, which concludes the
phase.
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import BUREAU, CHAIR, DENY_ALL, fail_closed

from ..cycle.workflow import CONCLUDED
from ..dialogue.resources import readers_of
from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT, state, state_role
from .agreement import Agreement
from .permissions import OutcomePermission as P

OBSERVATIONS_NAME = "observations"
SUMMARY_NAME = "summary"

#: The phase's states in which the list is drafted, and approved.
LIST_DRAFTING = ("dialogue", "observations")
LIST_APPROVING = "observations"
SUMMARY_STAGE = "summary"

#: The six official languages (¶38); a summary is issued in all of them.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


@dataclass(frozen=True)
class Entry:
    """One observation; ``revision`` counts its own edits."""

    number: int
    instrument: str
    article: str  # "" for the instrument as a whole
    kind: str  # blueprint.KINDS
    text: str
    revision: int
    by: str
    at: float
    #: What it is based on (¶38): ``responses/INSTRUMENT/QUESTION`` or
    #: ``dialogue/THREAD``.
    cites: tuple[str, ...] = ()
    #: For a technical-assistance need: its kind and priority.
    need: str = ""
    priority: str = ""


class ListVersion(Persistent):
    """The whole list as one edit left it."""

    def __init__(
        self, number: int, entries: tuple[Entry, ...], by: str, at: float, note: str
    ) -> None:
        self.number = number
        self.entries = tuple(entries)
        self.by = by
        self.at = at
        self.note = note  # what changed: "added 3", "revised 3", "removed 3"

    def entry(self, number: int) -> Entry | None:
        return next((e for e in self.entries if e.number == number), None)


@dataclass(frozen=True)
class Withholding:
    """The State under review's decision on which entries stay confidential."""

    entries: frozenset[int]
    by: str
    at: float
    reason: str


class _Outcome(Agreement, Resource):
    @property
    def phase(self):
        raise NotImplementedError

    @property
    def country(self):
        return self.phase.country

    @property
    def parties(self) -> tuple[str, ...]:
        """Who approves (¶39): the State under review and its reviewers."""
        return self.country.participants

    def _base_acl(self, editing: bool, approving: bool) -> list:
        acl = [(Allow, SECRETARIAT, (P.VIEW, P.READ_PAPER))]
        if editing:
            acl.append((Allow, SECRETARIAT, P.EDIT))
        for party in readers_of(self.country, ()):
            acl.append((Allow, state(party), P.VIEW))
            if editing:
                acl.append((Allow, state_role(party, "focal"), P.EDIT))
                acl.append((Allow, state_role(party, "expert"), P.EDIT))
            if approving:
                acl.append((Allow, state_role(party, "focal"), P.APPROVE))
        return acl


class Observations(_Outcome):
    """A phase's list of observations; schema 1."""

    schema_version = 1
    view_permission = P.VIEW
    next_entry = 1
    #: The decision in force, and every one taken (the record).
    withholding: Withholding | None = None
    withholdings: tuple[Withholding, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.init_versions()
        self.summary = Summary()
        self.summary.__name__ = SUMMARY_NAME
        self.summary.__parent__ = self

    @property
    def phase(self):
        return self.__parent__

    @property
    def withheld(self) -> frozenset[int]:
        found = self.withholding
        return found.entries if found is not None else frozenset()

    @property
    def entries(self) -> tuple[Entry, ...]:
        current = self.current
        return current.entries if current is not None else ()

    def __getitem__(self, name: str):
        if name == SUMMARY_NAME:
            return self.summary
        raise KeyError(name)

    @fail_closed
    def __acl__(self):
        state_now = self.phase.state
        editing = self.agreed is None and state_now in LIST_DRAFTING
        # Once agreed the approval stays allowed: the same act sent again
        # answers as the first did (.lists.approve_list).
        approving = state_now == LIST_APPROVING or self.agreed is not None
        acl = self._base_acl(editing, approving)
        iso3 = self.country.iso3
        if state_now != CONCLUDED:
            acl.append((Allow, state_role(iso3, "focal"), P.WITHHOLD))
        for party in readers_of(self.country, ()):
            acl.append((Allow, state(party), P.READ_PAPER))  # a preview
        if self.agreed is not None:
            # The working groups (¶38, ¶43).
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.READ_PAPER))
            acl.append((Allow, CHAIR, P.READ_PAPER))
            acl.append((Allow, BUREAU, P.READ_PAPER))
        acl.append(DENY_ALL)
        return acl


@dataclass(frozen=True)
class SummaryVersion:
    """The summary's text under each heading of the blueprint."""

    number: int
    sections: tuple[tuple[str, str], ...]  # (kind, text)
    language: str  # the language it is written in
    words: int
    by: str
    at: float

    def section(self, kind: str) -> str:
        return dict(self.sections).get(kind, "")


FINAL = "final"
IN_PROGRESS = "in-progress"
TRANSLATION_STATUSES = (IN_PROGRESS, FINAL)


class Translation(Persistent):
    """One language's text of the agreed summary: typed under the headings,
    or a file (an :class:`~sherloc_review.responses.resources.Attachment`,
    its type found in its content), with its status."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.sections: tuple[tuple[str, str], ...] = ()
        self.file = None
        self.status = IN_PROGRESS
        self.history: tuple[tuple[str, str, float], ...] = ()  # (status, by, at)

    def section(self, kind: str) -> str:
        return dict(self.sections).get(kind, "")

    @property
    def final(self) -> bool:
        return self.status == FINAL


class Summary(_Outcome):
    """The summary of the list (¶38); ``versions`` hold
    :class:`SummaryVersion`; ``translations`` language → :class:`Translation`."""

    schema_version = 1
    view_permission = P.VIEW
    issued_on: str | None = None
    last_translation: tuple = ()

    def __init__(self) -> None:
        super().__init__()
        self.init_versions()
        self.translations = OOBTree()

    @property
    def observations(self) -> Observations:
        return self.__parent__

    @property
    def phase(self):
        return self.observations.phase

    @property
    def language(self) -> str:
        current = self.current
        return current.language if current is not None else ""

    def missing_languages(self) -> tuple[str, ...]:
        """Official languages without a final text (the agreed one counts)."""
        return tuple(
            lang
            for lang in LANGUAGES
            if lang != self.language
            and not (lang in self.translations and self.translations[lang].final)
        )

    @fail_closed
    def __acl__(self):
        stage = (
            self.phase.state == SUMMARY_STAGE and self.observations.agreed is not None
        )
        editing = stage and self.agreed is None
        acl = self._base_acl(editing, editing or self.agreed is not None)
        if stage and self.agreed is not None and self.issued_on is None:
            acl.append((Allow, SECRETARIAT, P.TRANSLATE))
        if self.issued_on is not None:
            # Made available to the Conference and its working groups (¶38).
            for principal in (ROLE_STATE_PARTY_OFFICIAL, CHAIR, BUREAU):
                acl.append((Allow, principal, P.READ_PAPER))
        else:
            for party in readers_of(self.country, ()):
                acl.append((Allow, state(party), P.READ_PAPER))
        acl.append(DENY_ALL)
        return acl
