"""Import ``questionnaires.toml`` into ``/review/questionnaires``."""

from __future__ import annotations

import re

from sherloc_portal.installer.errors import InstallerError

from ..importing import ensure, sync
from .resources import (
    CLOSED_ANSWERS,
    FollowUp,
    Question,
    QuestionnaireDefinition,
    Questionnaires,
    Section,
)

QUESTIONNAIRES_FILE = "questionnaires.toml"
FORMAT = "sherloc-questionnaire"
#: The definition formats this code reads.
FORMAT_VERSIONS = (2,)
_ID = re.compile(r"[a-z][a-z_]{1,30}", re.ASCII)


def read_definitions(data: dict) -> dict[str, dict]:
    """Cluster → attribute values, from the parsed file (format checked)."""
    if data.get("format") != FORMAT or data.get("format_version") not in (
        FORMAT_VERSIONS
    ):
        raise InstallerError(
            f"{QUESTIONNAIRES_FILE}: expected format {FORMAT!r} in version "
            f"{', '.join(map(str, FORMAT_VERSIONS))}."
        )
    definitions = {}
    for entry in data.get("questionnaire", ()):
        sections = tuple(
            Section(
                instrument=section["instrument"],
                note=section.get("note", ""),
                questions=tuple(_question(q) for q in section.get("question", ())),
            )
            for section in entry.get("section", ())
        )
        definitions[entry["cluster"]] = {
            "title": entry["title"],
            "version": int(entry["version"]),
            "sections": sections,
        }
    return definitions


def _question(entry: dict) -> Question:
    follow_ups = []
    for item in entry.get("follow_up", ()):
        when = tuple(item["when"])
        if (
            not _ID.fullmatch(item["id"])
            or not when
            or not set(when) <= set(CLOSED_ANSWERS)
            or any(f.id == item["id"] for f in follow_ups)
        ):
            raise InstallerError(
                f"{QUESTIONNAIRES_FILE}: question {entry['id']}: follow-up "
                f"{item['id']!r} needs a unique id of lower-case letters and "
                f"'when' among {', '.join(CLOSED_ANSWERS)}."
            )
        follow_ups.append(FollowUp(id=item["id"], text=item["text"], when=when))
    return Question(
        id=entry["id"],
        article=entry["article"],
        text=entry["text"],
        follow_ups=tuple(follow_ups),
        guidance=entry.get("guidance", ""),
    )


def import_questionnaires(mechanism, context) -> Questionnaires:
    folder = ensure(
        mechanism, "questionnaires", Questionnaires, context, "questionnaires"
    )
    definitions = read_definitions(context.read_toml(QUESTIONNAIRES_FILE))
    for cluster, values in definitions.items():
        label = f"questionnaire {cluster}"
        definition = ensure(
            folder,
            cluster,
            lambda c=cluster: QuestionnaireDefinition(c),
            context,
            label,
        )
        sync(definition, values, context, label)
    return folder
