"""The questionnaire as a workbook to answer offline and import back.

Layout (format ``sherloc-review-responses``, version 1).  Sheet
**Answers**: a header row, then for each question one *question row*
followed by one *follow-up row* per follow-up the question has, all in the
question order of the self-assessment:

====  =================  =====================================================
col   key                question row / follow-up row
====  =================  =====================================================
A     ``question``       the question id / the same id (locked)
B     ``follow_up``      empty / the follow-up id (locked)
C     ``article``        the article / empty (locked)
D     ``asked``          question text and guidance / follow-up text and the
                         closed answers it is asked for (locked)
E     ``closed``         Yes, Yes in part or No, from a drop-down / locked
F     ``text``           further information / the follow-up's answer
G     ``legislation``    record ids separated by spaces / locked
H     ``reuse_source``   what the answer reuses (¶22), drop-down / locked
I     ``reuse_ref``      reference of the material reused / locked
J     ``reuse_update``   update since that submission (¶22) / locked
K     ``attachments``    file names, for reading only (locked)
L     ``revision``       the answer's revision when exported (hidden, locked)
====  =================  =====================================================

A row per follow-up keeps each cell one answer, with the follow-up's own
question beside it, whatever number of follow-ups a question has; rows are
found by their ids, never by position.  The sheet is protected (without a
password: it guides, it does not secure) so only the answer cells take
input.  The hidden sheet **About** names the format and version, the
State, phase, instrument and questionnaire version the workbook belongs to,
the kind of export, the column keys, and the labels of the drop-downs
(stored there because a list written in a validation formula cannot hold
the comma of "Yes, in part"); a workbook exported in another language is
read back with its own labels.  Attachments are not carried: files are
added and removed on each answer's page, and an import keeps the files an
answer cites.

:func:`parse_workbook` reads a file back into answers and every problem it
finds (by row and column); :func:`changed_answers` then keeps the answers
that differ from what was exported and refuses those someone else saved
since (each answer's revision, as for the form, SECURITY.md §8).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pyramid.i18n import TranslationString

from ..i18n import _
from ..questionnaires.resources import CLOSED_ANSWERS, CLOSED_LABELS
from .form import REUSE_SOURCES
from .resources import AnswerValue, Reuse, SelfAssessment

FORMAT = "sherloc-review-responses"
FORMAT_VERSION = 1
ANSWERS = "Answers"
ABOUT = "About"
#: The export kinds: answers (with the revisions an import is based on) or
#: for reading only (the submitted responses, or a reader who may not edit).
ANSWERING, READING = "answers", "reading"


@dataclass(frozen=True)
class Column:
    key: str
    title: TranslationString
    width: int
    #: Takes input on question rows / on follow-up rows.
    on_question: bool = False
    on_follow_up: bool = False


COLUMNS = (
    Column("question", _("Question"), 14),
    Column("follow_up", _("Follow-up"), 16),
    Column("article", _("Article"), 9),
    Column("asked", _("Question asked"), 60),
    Column("closed", _("Answer (Yes / Yes, in part / No)"), 16, True),
    Column("text", _("Your answer (text)"), 60, True, True),
    Column("legislation", _("Legislation record ids (separated by spaces)"), 24, True),
    Column("reuse_source", _("This answer reuses (¶22)"), 24, True),
    Column("reuse_ref", _("Reference of the material reused"), 30, True),
    Column("reuse_update", _("Update since that submission (¶22)"), 40, True),
    Column("attachments", _("Attachments (not changed by an import)"), 24),
    Column("revision", _("Revision when exported"), 10),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
_LOCKED_FILL = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")
_WRAP = Alignment(wrap_text=True, vertical="top")


def letter(key: str) -> str:
    """The column letter of the column ``key`` (``"closed"`` → ``"E"``)."""
    return get_column_letter(COLUMN_INDEX[key] + 1)


def title_of(key: str | None) -> TranslationString | None:
    return COLUMNS[COLUMN_INDEX[key]].title if key in COLUMN_INDEX else None


def _identity(message: Any) -> str:
    return message.interpolate() if isinstance(message, TranslationString) else message


# -- what an answer looks like in the workbook --------------------------------


def clean(text: str) -> str:
    """Text as a cell keeps it: no control characters (which the file
    format cannot hold), one kind of line end, no surrounding space."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def normalized(question, value: AnswerValue) -> AnswerValue:
    """``value`` as it comes back from the workbook unchanged.

    The answer form stores its texts the same way, so a row nobody changed
    compares equal to the answer it was exported from.
    """
    reuse = value.reuse
    if reuse is not None:
        reuse = Reuse(reuse.source, clean(reuse.reference), clean(reuse.update))
    follow_ups = tuple(
        (f.id, clean(value.follow_up(f.id)))
        for f in question.follow_ups
        if clean(value.follow_up(f.id))
    )
    return AnswerValue(
        closed=value.closed,
        follow_ups=follow_ups,
        text=clean(value.text),
        legislation=tuple(dict.fromkeys(value.legislation)),
        attachments=value.attachments,
        reuse=reuse,
    )


# -- export -------------------------------------------------------------------


def build_workbook(
    assessment: SelfAssessment,
    values: dict[str, AnswerValue],
    revisions: dict[str, int],
    translate: Callable[[Any], str] = _identity,
) -> bytes:
    """The ``.xlsx`` bytes of ``assessment``'s questions with ``values``.

    ``values``: the answers the reader may see, by question id (empty for a
    blank questionnaire).  ``revisions``: each answer's revision, for a
    reader who may import the workbook back (a blank export gives 0 for
    every question); empty for a workbook to read only, whose import is
    refused.  ``translate`` turns the headers and labels into the reader's
    language.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ANSWERS
    about = book.create_sheet(ABOUT)
    lists = _write_about(about, assessment, revisions, translate)
    _write_header(sheet, translate)
    closed = DataValidation(type="list", formula1=lists["closed"], allow_blank=True)
    reuse = DataValidation(type="list", formula1=lists["reuse"], allow_blank=True)
    for validation in (closed, reuse):
        validation.error = translate(_("Choose a value from the list."))
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
    closed_labels = {k: translate(v) for k, v in CLOSED_LABELS.items()}
    reuse_labels = {k: translate(v) for k, v in REUSE_SOURCES.items()}
    row = 2
    for question in assessment.questions:
        value = normalized(question, values.get(question.id) or AnswerValue())
        reused = value.reuse
        cells = {
            "question": question.id,
            "article": question.article,
            "asked": _asked(question, translate),
            "closed": closed_labels.get(value.closed, value.closed),
            "text": value.text,
            "legislation": " ".join(value.legislation),
            "reuse_source": reuse_labels.get(reused.source, reused.source)
            if reused
            else "",
            "reuse_ref": reused.reference if reused else "",
            "reuse_update": reused.update if reused else "",
            "attachments": "\n".join(
                assessment.attachments[a].filename
                for a in value.attachments
                if a in assessment.attachments
            ),
            "revision": revisions.get(question.id),
        }
        _write_row(sheet, row, cells, question_row=True)
        closed.add(f"{letter('closed')}{row}")
        reuse.add(f"{letter('reuse_source')}{row}")
        row += 1
        for follow_up in question.follow_ups:
            when = " / ".join(closed_labels[a] for a in follow_up.when)
            asked = translate(
                _(
                    "${question} (asked when the answer is: ${answers})",
                    mapping={"question": follow_up.text, "answers": when},
                )
            )
            cells = {
                "question": question.id,
                "follow_up": follow_up.id,
                "asked": asked,
                "text": value.follow_up(follow_up.id),
            }
            _write_row(sheet, row, cells, question_row=False)
            row += 1
    sheet.freeze_panes = "E2"
    sheet.column_dimensions[letter("revision")].hidden = True
    sheet.protection.sheet = True
    # Protection guides (no password): the reader may still resize and
    # filter, never insert or delete rows and columns.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _asked(question, translate) -> str:
    if not question.guidance:
        return question.text
    guidance = translate(
        _("Guidance: ${guidance}", mapping={"guidance": question.guidance})
    )
    return f"{question.text}\n\n{guidance}"


def _write_header(sheet, translate) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=translate(column.title))
        cell.font = Font(bold=True)
        cell.alignment = _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width


def _write_row(sheet, row: int, cells: dict, question_row: bool) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row, column=index)
        value = cells.get(column.key)
        if isinstance(value, str):
            cell.value = clean(value)
            # Typed as text, so an answer beginning with "=" stays an
            # answer, never a formula the spreadsheet would run.
            cell.data_type = "s"
        elif value is not None:
            cell.value = value
        open_ = column.on_question if question_row else column.on_follow_up
        cell.protection = Protection(locked=not open_)
        cell.alignment = _WRAP
        if not open_:
            cell.fill = _LOCKED_FILL
        if question_row and column.key in ("question", "asked"):
            cell.font = Font(bold=True)


def _write_about(about, assessment, revisions, translate) -> dict[str, str]:
    """Write the About sheet; the ranges holding the drop-down lists."""
    about.sheet_state = "hidden"
    rows: list[tuple[str, Any]] = [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("iso3", assessment.iso3),
        ("phase", assessment.phase.number),
        ("instrument", assessment.instrument),
        ("questionnaire_version", assessment.questionnaire_version),
        ("kind", ANSWERING if revisions else READING),
        ("columns", " ".join(c.key for c in COLUMNS)),
        (
            "note",
            translate(
                _(
                    "Attachments are not carried by the workbook: add or remove "
                    "files on each answer's page. An import keeps the files an "
                    "answer cites."
                )
            ),
        ),
    ]
    first_closed = len(rows) + 1
    rows += [(f"closed.{k}", translate(CLOSED_LABELS[k])) for k in CLOSED_ANSWERS]
    first_reuse = len(rows) + 1
    rows += [(f"reuse.{k}", translate(v)) for k, v in REUSE_SOURCES.items()]
    for row, (key, value) in enumerate(rows, start=1):
        about.cell(row=row, column=1, value=key)
        cell = about.cell(row=row, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
    last_closed = first_reuse - 1
    return {
        "closed": f"{ABOUT}!$B${first_closed}:$B${last_closed}",
        "reuse": f"{ABOUT}!$B${first_reuse}:$B${len(rows)}",
    }
