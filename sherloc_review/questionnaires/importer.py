"""Import ``questionnaires.toml`` into ``/review/questionnaires``."""

from __future__ import annotations

from sherloc_portal.installer.errors import InstallerError

from ..importing import ensure, sync
from .resources import Question, QuestionnaireDefinition, Questionnaires, Section

QUESTIONNAIRES_FILE = "questionnaires.toml"
FORMAT = "sherloc-questionnaire"
#: The definition formats this code reads.
FORMAT_VERSIONS = (1,)


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
                questions=tuple(
                    Question(id=q["id"], article=q["article"], text=q["text"])
                    for q in section.get("question", ())
                ),
            )
            for section in entry.get("section", ())
        )
        definitions[entry["cluster"]] = {
            "title": entry["title"],
            "version": int(entry["version"]),
            "sections": sections,
        }
    return definitions


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
