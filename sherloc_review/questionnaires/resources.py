"""``/review/questionnaires/I``: a questionnaire definition per cluster (¶19).

A definition has a section per instrument and one question per article of
that instrument reviewed in the cluster.  It is data, read from
``profiles/default/questionnaires.toml`` (format and version declared in the
file); the answers that later slices store cite a question by its ``id``
and the definition's ``version``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sherloc_portal.resources.folder import Folder, Resource

from ..security import ReferenceData


@dataclass(frozen=True)
class Question:
    id: str
    article: str
    text: str


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


class Questionnaires(ReferenceData, Folder):
    schema_version = 1
