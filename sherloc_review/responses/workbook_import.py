"""Reading a filled-in workbook back (layout: :mod:`.workbook`).

:func:`parse_workbook` reads a file into answers and every problem it finds
(by row and column), refusing oversized, damaged or hostile files and
workbooks of another State, phase, instrument or questionnaire version;
:func:`changed_answers` then keeps the answers that differ from what was
exported and refuses those someone else saved since (each answer's
revision, as for the form, SECURITY.md §8).
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import openpyxl
from pyramid.i18n import TranslationString

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..labels import stamp
from ..questionnaires.resources import CLOSED_ANSWERS
from .answers import check
from .form import REUSE_SOURCES
from .resources import AnswerValue, Reuse, SelfAssessment
from .workbook import (
    ABOUT,
    ANSWERING,
    ANSWERS,
    COLUMN_INDEX,
    COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    clean,
    letter,
    normalized,
)

log = logging.getLogger(__name__)

#: The largest workbook taken, and how large its parts may grow unpacked
#: (a small zip may unpack to gigabytes).
MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARTS = 500
#: Rows a workbook may have: a questionnaire section has tens of questions.
MAX_ROWS = 5000
#: Where the answer's fields (as :func:`~.answers.check` names them) are.
FIELD_COLUMNS = {
    "closed": "closed",
    "text": "text",
    "legislation": "legislation",
    "reuse.reference": "reuse_ref",
    "reuse.update": "reuse_update",
    "attachments": "attachments",
}
ENGLISH_CLOSED = {"yes": "yes", "yes, in part": "partly", "partly": "partly"}
ENGLISH_CLOSED |= {"yes in part": "partly", "no": "no"}
SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Problem:
    """Something in a workbook that stops its import.

    ``row`` and ``column`` (a key of :data:`COLUMNS`) say where, when the
    problem has a place; ``message`` is a translation string.
    """

    message: TranslationString
    row: int | None = None
    column: str | None = None
    #: Given for the About sheet; a row is on the Answers sheet; a problem
    #: of the whole file is on none.
    sheet: str = ""

    @property
    def place(self) -> str:
        """The sheet the problem is on, if it is on one."""
        return self.sheet or (ANSWERS if self.row else "")

    @property
    def letter(self) -> str:
        return letter(self.column) if self.column in COLUMN_INDEX else ""


class Entry(NamedTuple):
    """One answer read from a workbook."""

    question: str
    value: AnswerValue
    #: The revision the answer had when exported.
    base: int
    #: The question's row, for the problems found later.
    row: int


def parse_workbook(
    data: bytes, assessment: SelfAssessment
) -> tuple[list[Entry], list[Problem]]:
    """The answers a workbook holds for ``assessment``, and its problems.

    Nothing is changed.  Answers come in question order; a question whose
    rows are all absent is left out.  When there is any problem the caller
    imports nothing.
    """
    book, problems = _open(data)
    if book is None:
        return [], problems
    labels, problems = _read_about(book, assessment)
    if problems:
        return [], problems
    if ANSWERS not in book.sheetnames:
        return [], [Problem(_("The workbook has no sheet named Answers."))]
    rows, problems = _read_rows(book[ANSWERS], assessment)
    entries = []
    for question in assessment.questions:
        entry = _entry(assessment, question, rows, labels, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _open(data: bytes):
    if len(data) > MAX_BYTES:
        return None, [
            Problem(
                _(
                    "The file is larger than ${size} MB: this is not a workbook "
                    "exported from here.",
                    mapping={"size": MAX_BYTES // (1024 * 1024)},
                )
            )
        ]
    not_a_workbook = Problem(
        _(
            "This file is not an Excel workbook (.xlsx), or it is damaged. "
            "Export the workbook again and save it in the .xlsx format."
        )
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None, [not_a_workbook]
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return None, [not_a_workbook]
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        return None, [
            Problem(_("The workbook is too large once unpacked: it is not taken."))
        ]
    if not openpyxl.DEFUSEDXML:  # pragma: no cover - a broken installation
        raise RuntimeError("openpyxl reads XML without defusedxml; refusing")
    try:
        with warnings.catch_warnings():
            # Workbooks saved by spreadsheets carry parts openpyxl skips
            # with a warning (extensions, styles): not the user's problem.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), data_only=False, keep_links=False
            )
    # Any damage, whatever openpyxl raises for it, is one answer to the user.
    except Exception:
        log.info("unreadable workbook", exc_info=True)
        return None, [not_a_workbook]
    return book, []


def _about_problem(message) -> tuple[dict, list[Problem]]:
    return {}, [Problem(message, sheet=ABOUT)]


def _read_about(book, assessment) -> tuple[dict, list[Problem]]:
    """Check the workbook is for this questionnaire; its drop-down labels."""
    if ABOUT not in book.sheetnames:
        return _about_problem(
            _(
                "This workbook was not exported from this site (it has no About "
                "sheet). Export the questionnaire and answer in that workbook."
            )
        )
    about = {}
    for key, value, *_rest in book[ABOUT].iter_rows(
        max_col=2, max_row=100, values_only=True
    ):
        if isinstance(key, str) and key not in about:
            about[key] = value
    if about.get("format") != FORMAT:
        return _about_problem(
            _("This workbook was not exported from this site's questionnaires.")
        )
    layout = (FORMAT_VERSION, " ".join(c.key for c in COLUMNS))
    if (about.get("format_version"), about.get("columns")) != layout:
        return _about_problem(
            _(
                "This workbook is in an older or newer layout than this site "
                "reads. Export the questionnaire again and copy the answers into "
                "it."
            )
        )
    expected = {
        "iso3": assessment.iso3,
        "phase": assessment.phase.number,
        "instrument": assessment.instrument,
        "questionnaire_version": assessment.questionnaire_version,
    }
    found = {k: about.get(k) for k in expected}
    if found != expected:
        return _about_problem(
            _(
                "This workbook belongs to another questionnaire (${found}); this "
                "page imports ${expected}.",
                mapping={
                    "found": _describe(found.values()),
                    "expected": _describe(expected.values()),
                },
            )
        )
    if about.get("kind") != ANSWERING:
        return _about_problem(
            _(
                "This workbook was exported for reading only and cannot be "
                "imported. Export the questionnaire from its page as someone who "
                "may answer it."
            )
        )
    return _labels(about), []


def _describe(values: Iterable) -> str:
    iso3, phase, instrument, version = (
        str(v) if v is not None else "?" for v in values
    )
    return f"{iso3}, phase {phase}, {instrument}, questionnaire version {version}"


def _labels(about: dict) -> dict[str, dict[str, str]]:
    """What a cell may say for each code: the codes, the English labels,
    and the labels the workbook was exported with."""
    closed = dict(ENGLISH_CLOSED)
    reuse = {k: k for k in REUSE_SOURCES}
    reuse |= {v.interpolate().casefold(): k for k, v in REUSE_SOURCES.items()}
    for key, value in about.items():
        if not isinstance(value, str) or not value.strip():
            continue
        kind, _dot, code = key.partition(".")
        if kind == "closed" and code in CLOSED_ANSWERS:
            closed[value.strip().casefold()] = code
        elif kind == "reuse" and code in REUSE_SOURCES:
            reuse[value.strip().casefold()] = code
    closed |= {k: k for k in CLOSED_ANSWERS}
    return {"closed": closed, "reuse": reuse}


class _Row(NamedTuple):
    number: int
    cells: dict[str, str | int | None]


def _read_rows(sheet, assessment) -> tuple[dict, list[Problem]]:
    """Rows by ``(question id, follow-up id or "")``, and the problems."""
    problems: list[Problem] = []
    rows: dict[tuple[str, str], _Row] = {}
    if sheet.max_row > MAX_ROWS:
        return rows, [Problem(_("The sheet has far more rows than the questionnaire."))]
    for number, cells in enumerate(
        sheet.iter_rows(min_row=2, max_col=len(COLUMNS)), start=2
    ):
        values = {}
        for column, cell in zip(COLUMNS, cells, strict=False):
            values[column.key] = _cell(cell, number, column.key, problems)
        if not any(values.values()):
            continue
        question = assessment.question(str(values["question"] or ""))
        if question is None:
            problems.append(
                Problem(
                    _(
                        "No question of this questionnaire has the id ${id}.",
                        mapping={"id": values["question"] or "—"},
                    ),
                    number,
                    "question",
                )
            )
            continue
        follow_up = str(values["follow_up"] or "")
        if follow_up and question.follow_up(follow_up) is None:
            problems.append(
                Problem(
                    _(
                        "Question ${question} has no follow-up ${id}.",
                        mapping={"question": question.id, "id": follow_up},
                    ),
                    number,
                    "follow_up",
                )
            )
            continue
        key = (question.id, follow_up)
        if key in rows:
            problems.append(
                Problem(
                    _(
                        "This row repeats row ${row}: each question and follow-up "
                        "has one row.",
                        mapping={"row": rows[key].number},
                    ),
                    number,
                    "question",
                )
            )
            continue
        rows[key] = _Row(number, values)
        _refuse_misplaced(rows[key], bool(follow_up), problems)
    return rows, problems


def _cell(cell, row: int, key: str, problems: list) -> str | int | None:
    """A cell's value as text (numbers and dates as typed), never a formula."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or cell.data_type == "e":
        problems.append(
            Problem(
                _("Type the answer as text: formulas and error values are not taken."),
                row,
                key,
            )
        )
        return None
    if key == "revision":
        return (
            value
            if isinstance(value, int) and not isinstance(value, bool)
            else str(value)
        )
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    return clean(str(value)) or None


def _refuse_misplaced(row: _Row, follow_up_row: bool, problems: list) -> None:
    """Answer cells of a question filled on a follow-up's row (possible only
    once the sheet's protection is lifted): refused rather than ignored."""
    if not follow_up_row:
        return
    for column in COLUMNS:
        if column.on_question and not column.on_follow_up and row.cells[column.key]:
            problems.append(
                Problem(
                    _(
                        "This cell is not read on a follow-up's row: write it on "
                        "the question's own row."
                    ),
                    row.number,
                    column.key,
                )
            )


def _entry(assessment, question, rows, labels, problems) -> Entry | None:
    own = rows.get((question.id, ""))
    follow_ups = {f.id: rows.get((question.id, f.id)) for f in question.follow_ups}
    if own is None:
        for found in follow_ups.values():
            if found is not None:
                problems.append(
                    Problem(
                        _(
                            "The row of question ${question} itself is missing: "
                            "export the questionnaire again.",
                            mapping={"question": question.id},
                        ),
                        found.number,
                        "question",
                    )
                )
                break
        return None
    missing = [name for name, found in follow_ups.items() if found is None]
    if missing:
        problems.append(
            Problem(
                _(
                    "The rows of follow-ups ${ids} of this question are missing: "
                    "export the questionnaire again.",
                    mapping={"ids": ", ".join(missing)},
                ),
                own.number,
                "question",
            )
        )
        return None
    count = len(problems)
    base = _base(own, problems)
    closed = _coded(own, "closed", labels["closed"], problems)
    reuse = _reuse(own, labels["reuse"], problems)
    if len(problems) > count:
        return None
    exported = value_at(assessment.answers[question.id], base)
    value = AnswerValue(
        closed=closed,
        follow_ups=tuple(
            (name, found.cells["text"])
            for name, found in follow_ups.items()
            if found.cells["text"]
        ),
        text=own.cells["text"] or "",
        legislation=tuple(
            dict.fromkeys(
                r for r in SEPARATORS.split(own.cells["legislation"] or "") if r
            )
        ),
        # The workbook does not carry files: the answer keeps those it cited.
        attachments=exported.attachments,
        reuse=reuse,
    )
    try:
        check(assessment, question.id, value)
    except ActionRefused as refusal:
        field = refusal.field or ""
        if field.startswith("follow_ups."):
            row, column = follow_ups[field.removeprefix("follow_ups.")], "text"
        else:
            row, column = own, FIELD_COLUMNS.get(field)
        problems.append(Problem(refusal.message, row.number, column))
        return None
    return Entry(question.id, value, base, own.number)


def _base(row: _Row, problems: list) -> int:
    base = row.cells["revision"]
    if isinstance(base, int) and base >= 0:
        return base
    problems.append(
        Problem(
            _(
                "This row has lost the revision it was exported with (a hidden "
                "column). Export the questionnaire again."
            ),
            row.number,
            "revision",
        )
    )
    return -1


def _coded(row: _Row, key: str, codes: dict[str, str], problems: list) -> str:
    given = row.cells[key]
    if not given:
        return ""
    code = codes.get(" ".join(str(given).split()).casefold())
    if code is None:
        problems.append(
            Problem(
                _(
                    "“${given}” is not one of the answers offered: choose Yes, "
                    "Yes, in part or No from the list.",
                    mapping={"given": str(given)[:80]},
                )
                if key == "closed"
                else _(
                    "“${given}” is not one of the choices offered: choose from "
                    "the list, or leave the cell empty.",
                    mapping={"given": str(given)[:80]},
                ),
                row.number,
                key,
            )
        )
        return ""
    return code


def _reuse(row: _Row, codes: dict[str, str], problems: list) -> Reuse | None:
    source = _coded(row, "reuse_source", codes, problems)
    reference = row.cells["reuse_ref"] or ""
    update = row.cells["reuse_update"] or ""
    if source:
        return Reuse(source, reference, update)
    if (reference or update) and not row.cells["reuse_source"]:
        problems.append(
            Problem(
                _("Say what the answer reuses, or clear the reference and the update."),
                row.number,
                "reuse_source",
            )
        )
    return None


# -- what an import changes ---------------------------------------------------


def changed_answers(
    assessment: SelfAssessment, entries: list[Entry]
) -> tuple[list[Entry], list[Problem]]:
    """The entries to save, and the answers changed by someone else since.

    A row equal to the answer it was exported from is nobody's change and
    is left alone, so an import never undoes what another official saved
    meanwhile to a question the importer did not touch.  A row that
    changed, on an answer saved since, is refused naming who saved it and
    when, unless it already holds what they saved.
    """
    changes, problems = [], []
    for entry in entries:
        question = assessment.question(entry.question)
        answer = assessment.answers[entry.question]
        if entry.base > answer.revision:
            problems.append(
                Problem(
                    _(
                        "This answer never had the revision ${revision} this row "
                        "gives: the workbook was not exported from this "
                        "questionnaire. Export it again.",
                        mapping={"revision": entry.base},
                    ),
                    entry.row,
                    "revision",
                )
            )
            continue
        exported = value_at(answer, entry.base)
        if entry.value == normalized(question, exported):
            continue
        if entry.base == answer.revision:
            changes.append(entry)
            continue
        if entry.value == normalized(question, answer.value):
            continue
        last = answer.last
        problems.append(
            Problem(
                _(
                    "${who} saved this answer on ${when}, after the workbook was "
                    "exported. Export the questionnaire again, or answer this "
                    "question on its page.",
                    mapping={"who": last.by, "when": stamp(last.at)},
                ),
                entry.row,
                "question",
            )
        )
    return changes, problems


def value_at(answer, revision: int) -> AnswerValue:
    """The answer's value at ``revision`` (empty before the first)."""
    found = (r.value for r in answer.history if r.number == revision)
    return next(found, AnswerValue())
