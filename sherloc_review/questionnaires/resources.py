"""``/review/questionnaires/I``: a questionnaire definition per cluster (¶19).

A definition has a section per instrument and one question per article of
that instrument reviewed in the cluster.  It is data, read from
``profiles/default/questionnaires.toml`` (format and version declared in the
file).  Every question is closed (Yes / Yes, in part / No) with follow-ups
the chosen answer calls for (cite the legislation, give examples, name the
competent authority, say what is missing); the answers cite a question by
its ``id`` and keep the definition's ``version`` they were given against.
"""

from __future__ import annotations

from dataclasses import dataclass

from sherloc_portal.resources.folder import Folder, Resource

from ..i18n import _
from ..security import ReferenceData

#: The closed answers every question takes, in the order a form offers them.
CLOSED_ANSWERS = ("yes", "partly", "no")
CLOSED_LABELS = {"yes": _("Yes"), "partly": _("Yes, in part"), "no": _("No")}


@dataclass(frozen=True)
class FollowUp:
    """A further question shown when the closed answer is one of ``when``."""

    id: str
    text: str
    when: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    article: str
    text: str
    follow_ups: tuple[FollowUp, ...] = ()
    guidance: str = ""

    def follow_up(self, name: str) -> FollowUp | None:
        return next((f for f in self.follow_ups if f.id == name), None)


@dataclass(frozen=True)
class Section:
    instrument: str
    questions: tuple[Question, ...]
    note: str = ""


class QuestionnaireDefinition(ReferenceData, Resource):
    schema_version = 1
    title = ""
    version = 1
    sections: tuple[Section, ...] = ()

    def __init__(self, cluster: str) -> None:
        super().__init__()
        self.cluster = cluster

    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    def section(self, instrument: str) -> Section | None:
        return next((s for s in self.sections if s.instrument == instrument), None)


class Questionnaires(ReferenceData, Folder):
    schema_version = 1
