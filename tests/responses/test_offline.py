"""Working offline (issue 4): the workbook's round trip, every problem an
import reports, and the PDF in Latin, Arabic and Chinese scripts."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from pyramid.i18n import TranslationString

from sherloc_review.labels import stamp
from sherloc_review.responses import attachments, workbook_import
from sherloc_review.responses.answers import MAX_TEXT, save
from sherloc_review.responses.pdf import ExportMeta, Fonts, blocks_of, render_pdf
from sherloc_review.responses.resources import AnswerValue, Reuse
from sherloc_review.responses.workbook import build_workbook, letter
from sherloc_review.responses.workbook_import import changed_answers, parse_workbook

from .conftest import unanswered_id

LAW = "demo-fra-code-penal-450-1"


def _values(assessment) -> dict:
    return {q: a.value for q, a in assessment.answers.items()}


def _revisions(assessment) -> dict:
    return {q: a.revision for q, a in assessment.answers.items()}


def _export(assessment, translate=None) -> bytes:
    extra = {"translate": translate} if translate else {}
    return build_workbook(
        assessment, _values(assessment), _revisions(assessment), **extra
    )


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(sheet, question_id: str, follow_up: str = "") -> int:
    for row in range(2, sheet.max_row + 1):
        cells = (sheet[f"A{row}"].value, sheet[f"B{row}"].value or "")
        if cells == (question_id, follow_up):
            return row
    raise AssertionError(f"no row for {question_id} {follow_up}")


def _set(sheet, question_id, key, value, follow_up=""):
    sheet[f"{letter(key)}{_row(sheet, question_id, follow_up)}"] = value


def _follow_up(assessment, asked_for: str, asked: bool):
    """A question unanswered yet, and a follow-up asked (or not) for
    ``asked_for``."""
    for question in assessment.questions:
        if assessment.answers[question.id].revision:
            continue
        for follow_up in question.follow_ups:
            if (asked_for in follow_up.when) == asked:
                return question, follow_up
    raise AssertionError("no such follow-up")


def _import(untoc, data):
    entries, problems = parse_workbook(data, untoc)
    if problems:
        return [], problems
    return changed_answers(untoc, entries)


def _one(problems) -> workbook_import.Problem:
    assert len(problems) == 1, problems
    return problems[0]


def _text(problem) -> str:
    return problem.message.interpolate()


# -- the round trip -----------------------------------------------------------


def test_a_workbook_sent_back_unchanged_changes_nothing(untoc):
    assert any(a.revision for a in untoc.answers.values())  # the demo answered
    entries, problems = parse_workbook(_export(untoc), untoc)
    assert problems == []
    assert [e.question for e in entries] == [q.id for q in untoc.questions]
    assert changed_answers(untoc, entries) == ([], [])


def test_the_layout_has_a_row_per_question_and_per_follow_up(untoc):
    book = _book(_export(untoc))
    assert book.sheetnames == ["Answers", "About"]
    sheet, about = book["Answers"], book["About"]
    assert about.sheet_state == "hidden"
    assert sheet.max_row == 1 + sum(1 + len(q.follow_ups) for q in untoc.questions)
    assert sheet["A1"].value == "Question" and sheet["E1"].value.startswith("Answer")
    assert sheet.column_dimensions[letter("revision")].hidden
    assert sheet.protection.sheet
    question = untoc.questions[0]
    row = _row(sheet, question.id)
    assert sheet[f"D{row}"].protection.locked
    assert not sheet[f"{letter('closed')}{row}"].protection.locked
    assert not sheet[f"{letter('text')}{row}"].protection.locked
    follow_up = _row(sheet, question.id, question.follow_ups[0].id)
    assert sheet[f"{letter('closed')}{follow_up}"].protection.locked
    assert not sheet[f"{letter('text')}{follow_up}"].protection.locked
    about_rows = {r[0]: r[1] for r in about.iter_rows(values_only=True)}
    assert about_rows["iso3"] == "KEN" and about_rows["instrument"] == "UNTOC"
    assert "Attachments are not carried" in about_rows["note"]
    # The drop-down lists the labels, read from the About sheet.
    ranges = [str(v.sqref) for v in sheet.data_validations.dataValidation]
    assert any(f"E{row}" in r for r in ranges)
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert "About!$B$10:$B$12" in formulas
    assert [about[f"B{r}"].value for r in (10, 11, 12)] == ["Yes", "Yes, in part", "No"]


def test_a_filled_in_row_is_imported_with_its_follow_ups_and_legislation(untoc):
    question, follow_up = _follow_up(untoc, "partly", asked=True)
    book = _book(_export(untoc))
    sheet = book["Answers"]
    _set(sheet, question.id, "closed", "Yes, in part")
    _set(sheet, question.id, "text", "  Further\r\ninformation  ")
    _set(sheet, question.id, "legislation", f"{LAW}, {LAW}")
    _set(sheet, question.id, "text", "The follow-up's answer", follow_up.id)
    changes, problems = _import(untoc, _save(book))
    assert problems == []
    (entry,) = changes
    assert entry.question == question.id and entry.base == 0
    assert entry.value == AnswerValue(
        closed="partly",
        follow_ups=((follow_up.id, "The follow-up's answer"),),
        text="Further\ninformation",
        legislation=(LAW,),
    )
    save(untoc, entry.question, entry.value, entry.base, "focal-ken")
    # The same workbook again: the answer moved on, but to what it says.
    assert _import(untoc, _save(book)) == ([], [])


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("yes", "yes"),
        ("Yes", "yes"),
        ("YES ", "yes"),
        ("partly", "partly"),
        ("Yes, in part", "partly"),
        ("yes in part", "partly"),
        ("no", "no"),
        ("No", "no"),
    ],
)
def test_the_closed_answer_is_read_as_code_or_label(untoc, typed, code):
    question = untoc.question(unanswered_id(untoc))
    book = _book(_export(untoc))
    _set(book["Answers"], question.id, "closed", typed)
    (entry,), problems = _import(untoc, _save(book))
    assert problems == [] and entry.value.closed == code


def test_a_workbook_exported_in_another_language_reads_its_own_labels(untoc):
    french = {"Yes": "Oui", "Yes, in part": "Oui, en partie", "No": "Non"}

    def translate(message):
        return french.get(_english(message), _english(message))

    question = untoc.question(unanswered_id(untoc))
    book = _book(_export(untoc, translate))
    assert book["About"]["B11"].value == "Oui, en partie"
    _set(book["Answers"], question.id, "closed", "Oui, en partie")
    (entry,), problems = _import(untoc, _save(book))
    assert problems == [] and entry.value.closed == "partly"


def test_a_text_beginning_with_equals_stays_text_both_ways(untoc):
    qid = unanswered_id(untoc)
    value = AnswerValue(closed="no", text='=HYPERLINK("http://evil.example","x")')
    save(untoc, qid, value, 0, "focal-ken")
    book = _book(_export(untoc))
    cell = book["Answers"][f"{letter('text')}{_row(book['Answers'], qid)}"]
    assert cell.data_type == "s" and cell.value == value.text
    assert _import(untoc, _export(untoc)) == ([], [])


def test_an_import_keeps_the_files_an_answer_cites(app, untoc):
    qid = unanswered_id(untoc)
    stored = attachments.store(app.registry, untoc, "law.txt", b"law", "x", False)
    save(untoc, qid, AnswerValue(closed="yes", attachments=(stored.id,)), 0, "x")
    book = _book(_export(untoc))
    sheet = book["Answers"]
    assert sheet[f"{letter('attachments')}{_row(sheet, qid)}"].value == "law.txt"
    _set(sheet, qid, "text", "now with a text")
    (entry,), problems = _import(untoc, _save(book))
    assert problems == [] and entry.value.attachments == (stored.id,)


def test_a_blank_workbook_answers_only_what_nobody_answered_since(untoc):
    answered = next(q for q in untoc.questions if untoc.answers[q.id].revision)
    free = untoc.question(unanswered_id(untoc))
    blank = build_workbook(untoc, {}, dict.fromkeys(untoc.answers.keys(), 0))
    book = _book(blank)
    sheet = book["Answers"]
    assert sheet[f"{letter('closed')}{_row(sheet, answered.id)}"].value is None
    assert _import(untoc, blank) == ([], [])  # empty rows change nothing
    _set(sheet, free.id, "closed", "No")
    _set(sheet, answered.id, "closed", "No")
    _changes, problems = _import(untoc, _save(book))
    problem = _one(problems)
    assert problem.row == _row(sheet, answered.id)
    assert "focal-ken saved this answer" in _text(problem)


# -- every problem --------------------------------------------------------------


def _xlsx_like(**parts) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text, not a workbook",
        b"%PDF-1.4 a pdf",
        _xlsx_like(**{"word/document.xml": "<w/>", "[Content_Types].xml": "<x/>"}),
        _xlsx_like(**{"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<broken"}),
    ],
    ids=["empty", "text", "pdf", "word", "broken-xml"],
)
def test_a_file_that_is_no_workbook_is_refused_plainly(untoc, data):
    entries, problems = parse_workbook(data, untoc)
    assert entries == []
    assert "not an Excel workbook" in _text(_one(problems))


def test_a_truncated_workbook_is_refused_plainly(untoc):
    data = _export(untoc)
    problem = _one(parse_workbook(data[: len(data) // 2], untoc)[1])
    assert "not an Excel workbook" in _text(problem)


def test_xml_entities_are_not_expanded(untoc):
    """A billion-laughs workbook is refused (defusedxml), not expanded."""
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<workbook>&lol2;</workbook>"
    )
    book = zipfile.ZipFile(io.BytesIO(_export(untoc)))
    parts = {n: book.read(n) for n in book.namelist()}
    parts["xl/workbook.xml"] = bomb.encode()
    problem = _one(parse_workbook(_xlsx_like(**parts), untoc)[1])
    assert "not an Excel workbook" in _text(problem)


def test_a_file_over_the_size_limit_is_refused(untoc):
    data = b"PK" + b"\0" * workbook_import.MAX_BYTES
    assert "larger than 10 MB" in _text(_one(parse_workbook(data, untoc)[1]))


def test_a_workbook_unpacking_to_far_more_than_its_size_is_refused(untoc, monkeypatch):
    data = _export(untoc)
    monkeypatch.setattr(workbook_import, "MAX_UNPACKED", len(data))
    assert "too large once unpacked" in _text(_one(parse_workbook(data, untoc)[1]))


def test_a_workbook_of_another_instrument_is_refused(untoc, kenya):
    other = kenya.responses["TIP"]
    problem = _one(parse_workbook(_export(other), untoc)[1])
    assert problem.sheet == "About"
    assert "KEN, phase 1, TIP" in _text(problem)
    assert "KEN, phase 1, UNTOC" in _text(problem)


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("iso3", "FRA", "FRA, phase 1, UNTOC"),
        ("phase", 2, "KEN, phase 2, UNTOC"),
        ("questionnaire_version", 1, "questionnaire version 1"),
        ("format_version", 2, "older or newer layout"),
        ("format", "something-else", "not exported from this site"),
        ("kind", "reading", "for reading only"),
    ],
)
def test_a_workbook_of_another_state_phase_or_version_is_refused(
    untoc, key, value, says
):
    book = _book(_export(untoc))
    about = book["About"]
    for row in about.iter_rows(max_col=2):
        if row[0].value == key:
            row[1].value = value
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert says in _text(problem)


def test_a_workbook_without_its_about_sheet_is_refused(untoc):
    book = _book(_export(untoc))
    del book["About"]
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert "no About sheet" in _text(problem)


def test_a_workbook_for_reading_only_cannot_be_imported(untoc):
    data = build_workbook(untoc, _values(untoc), {})
    assert "for reading only" in _text(_one(parse_workbook(data, untoc)[1]))


def test_unknown_questions_and_follow_ups_and_repeated_rows_are_named(untoc):
    question = untoc.questions[0]
    book = _book(_export(untoc))
    sheet = book["Answers"]
    last = sheet.max_row
    sheet.append(["I-UNTOC-999", None, None, None, "Yes"])
    sheet.append([question.id, "no-such-follow-up", None, None, None, "text"])
    sheet.append([question.id, None, None, None, "No", "again", None, None])
    problems = parse_workbook(_save(book), untoc)[1]
    found = {(p.row, p.column): _text(p) for p in problems}
    assert "I-UNTOC-999" in found[(last + 1, "question")]
    assert "no follow-up no-such-follow-up" in found[(last + 2, "follow_up")]
    repeated = found[(last + 3, "question")]
    assert f"repeats row {_row(sheet, question.id)}" in repeated


def test_a_closed_answer_not_offered_is_named_with_its_cell(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "closed", "Maybe")
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert (problem.row, problem.letter) == (_row(book["Answers"], qid), "E")
    assert "“Maybe” is not one of the answers offered" in _text(problem)


def test_a_follow_up_answered_for_a_closed_answer_not_asking_it_is_refused(untoc):
    question, follow_up = _follow_up(untoc, "no", asked=False)
    book = _book(_export(untoc))
    sheet = book["Answers"]
    _set(sheet, question.id, "closed", "No")
    _set(sheet, question.id, "text", "not asked", follow_up.id)
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.row == _row(sheet, question.id, follow_up.id)
    assert problem.column == "text"
    assert "not asked for the answer chosen" in _text(problem)


def test_unknown_legislation_ids_are_named(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "closed", "yes")
    _set(book["Answers"], qid, "legislation", f"{LAW} no-such-record")
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "legislation"
    assert "no-such-record" in _text(problem) and LAW not in _text(problem)


def test_a_text_over_the_limit_is_refused(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "closed", "no")
    _set(book["Answers"], qid, "text", "x" * (MAX_TEXT + 1))
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "text" and "At most 20000 characters" in _text(problem)


def test_formulas_are_refused_not_run(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "text", "=1+1")
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "text" and "formulas" in _text(problem)


def test_reuse_needs_a_source_from_the_list(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    sheet = book["Answers"]
    _set(sheet, qid, "closed", "yes")
    _set(sheet, qid, "reuse_ref", "phase 1 answer")
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "reuse_source" and "Say what the answer reuses" in _text(
        problem
    )
    _set(sheet, qid, "reuse_source", "somewhere")
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert "“somewhere” is not one of the choices" in _text(problem)
    _set(sheet, qid, "reuse_source", "An answer of an earlier phase")
    _set(sheet, qid, "reuse_update", "amended in 2026")
    (entry,), problems = _import(untoc, _save(book))
    assert problems == []
    assert entry.value.reuse == Reuse("earlier", "phase 1 answer", "amended in 2026")


def test_a_row_that_lost_its_revision_is_refused(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "revision", None)
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "revision" and "Export the questionnaire again" in _text(
        problem
    )


def test_a_missing_follow_up_row_is_refused(untoc):
    question = untoc.question(unanswered_id(untoc))
    book = _book(_export(untoc))
    sheet = book["Answers"]
    sheet.delete_rows(_row(sheet, question.id, question.follow_ups[-1].id))
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert question.follow_ups[-1].id in _text(problem)


def test_a_question_answered_on_a_follow_up_row_is_refused(untoc):
    question = untoc.question(unanswered_id(untoc))
    book = _book(_export(untoc))
    _set(book["Answers"], question.id, "closed", "yes", question.follow_ups[0].id)
    problem = _one(parse_workbook(_save(book), untoc)[1])
    assert problem.column == "closed" and "question's own row" in _text(problem)


def test_every_problem_of_a_workbook_is_reported_at_once(untoc):
    free = [q for q in untoc.questions if not untoc.answers[q.id].revision]
    book = _book(_export(untoc))
    _set(book["Answers"], free[0].id, "closed", "Maybe")
    _set(book["Answers"], free[1].id, "legislation", "no-such-record")
    problems = parse_workbook(_save(book), untoc)[1]
    assert {p.column for p in problems} == {"closed", "legislation"}


def test_a_row_changed_on_an_answer_saved_since_names_who_and_when(untoc):
    qid = unanswered_id(untoc)
    data = _export(untoc)
    revision = save(untoc, qid, AnswerValue(closed="yes"), 0, "expert-ken")
    book = _book(data)
    _set(book["Answers"], qid, "closed", "no")
    changes, problems = _import(untoc, _save(book))
    problem = _one(problems)
    assert changes == []
    assert problem.row == _row(book["Answers"], qid)
    assert _text(problem).startswith(
        f"expert-ken saved this answer on {stamp(revision.at)}"
    )
    # Untouched, the stale row is nobody's change and is left alone.
    assert _import(untoc, data) == ([], [])


def test_a_revision_the_answer_never_had_is_refused(untoc):
    qid = unanswered_id(untoc)
    book = _book(_export(untoc))
    _set(book["Answers"], qid, "revision", 7)
    _set(book["Answers"], qid, "closed", "no")
    problem = _one(_import(untoc, _save(book))[1])
    assert "never had the revision 7" in _text(problem)


# -- the PDF --------------------------------------------------------------------


def _english(message) -> str:
    return message.interpolate() if isinstance(message, TranslationString) else message


def _meta(**changes) -> ExportMeta:
    meta = ExportMeta(
        translate=_english,
        state_name="Kenya",
        title="Self-assessment questionnaire, cluster I",
        generated=datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC),
    )
    return dataclasses.replace(meta, **changes)


def _drawn(pdf: bytes) -> dict[str, set[str]]:
    """The characters each embedded font draws, from its ToUnicode map."""
    objects = {
        int(m.group(1)): m.group(2)
        for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.DOTALL)
    }
    found: dict[str, set[str]] = {}
    for body in objects.values():
        font = re.search(rb"/BaseFont /(?:[A-Z]+\+)?(\S+)", body)
        cmap = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if not (font and cmap):
            continue
        chars = found.setdefault(font.group(1).decode(), set())
        for pair in re.finditer(rb"<([0-9A-F]+)> <([0-9A-F]+)>", objects[int(cmap[1])]):
            chars.update(bytes.fromhex(pair.group(2).decode()).decode("utf-16-be"))
    return found


ARABIC = "نعم، جرّمت الدولة المشاركة في جماعة إجرامية منظمة"
# The full-width comma is Chinese punctuation, drawn by the CJK font too.
CHINESE = "是的，我国已将参加有组织犯罪集团定为刑事犯罪"  # noqa: RUF001
RUSSIAN = "Да, участие в организованной преступной группе криминализировано"


def _answer_in_scripts(untoc) -> str:
    qid = unanswered_id(untoc)
    question = untoc.question(qid)
    asked = next(f for f in question.follow_ups if "yes" in f.when)
    value = AnswerValue(
        closed="yes",
        follow_ups=((asked.id, ARABIC),),
        text=f"{RUSSIAN}\n{CHINESE}",
        legislation=(LAW,),
        reuse=Reuse("uncac", "UNCAC review 2015", ""),
    )
    save(untoc, qid, value, 0, "focal-ken")
    return qid


def test_the_pdf_draws_latin_cyrillic_arabic_and_chinese(untoc):
    _answer_in_scripts(untoc)
    pdf = render_pdf(untoc, _values(untoc), _meta())
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    drawn = _drawn(pdf)
    sans = drawn["DejaVuSansBook"] | drawn["DejaVuSansBold"]
    assert set("Confidential") <= sans
    assert set(RUSSIAN.replace(" ", "")) <= sans
    # Arabic is shaped: its letters are drawn in their joined forms, which
    # the font's map still reads back as the letters.
    assert set(ARABIC.replace(" ", "")) <= sans
    cjk = drawn["WenQuanYiMicroHei"]
    assert set(CHINESE) <= cjk
    assert b"/Lang (en)" in pdf


def test_the_pdf_says_what_was_answered_and_what_is_due(untoc):
    qid = _answer_in_scripts(untoc)
    blocks = list(blocks_of(untoc, _values(untoc), _meta()))
    texts = [b.text for b in blocks]
    assert "Status: Working answers (draft), not yet submitted" in texts
    assert any(t.startswith("Confidential") for t in texts)
    at = texts.index(f"Article {untoc.question(qid).article} ({qid})")
    answer = texts[at : at + 20]
    assert "Yes" in answer and ARABIC in answer and LAW in answer
    assert any("UNCAC review 2015" in t for t in answer)
    assert "The update since that submission is not stated yet." in answer


def test_a_blank_pdf_asks_every_follow_up_with_its_condition(untoc):
    meta = _meta(blank=True, confidential=False)
    blocks = list(blocks_of(untoc, _values(untoc), meta))
    texts = [b.text for b in blocks]
    assert "Status: Blank questionnaire, to answer offline" in texts
    assert not any(t.startswith("Confidential") for t in texts)
    every = [f.text for q in untoc.questions for f in q.follow_ups]
    assert all(text in texts for text in every)
    assert "Asked when the answer is: Yes / Yes, in part" in texts
    assert not any("Demonstration answer" in t for t in texts)
    pdf = render_pdf(untoc, {}, meta)
    assert pdf.startswith(b"%PDF-")


def test_without_a_cjk_font_the_pdf_is_made_and_says_what_it_left_out(untoc, tmp_path):
    _answer_in_scripts(untoc)
    meta = _meta(fonts=Fonts(cjk=tmp_path / "no-such-font.ttc"))
    pdf = render_pdf(untoc, _values(untoc), meta)
    assert pdf.startswith(b"%PDF-")
    drawn = _drawn(pdf)
    assert "WenQuanYiMicroHei" not in drawn
    assert not set(CHINESE) & set().union(*drawn.values())
    assert set(ARABIC.replace(" ", "")) <= drawn["DejaVuSansBook"]


def _rendered_blocks(monkeypatch, untoc, meta) -> list[tuple[int, str, str]]:
    """``(page, style, text drawn)`` of each block of the PDF."""
    from sherloc_review.responses import pdf as module

    seen = []
    original = module._QuestionnairePDF.block

    def block(self, block, text):
        seen.append((self.page_no(), block.style, text))
        return original(self, block, text)

    monkeypatch.setattr(module._QuestionnairePDF, "block", block)
    render_pdf(untoc, _values(untoc), meta)
    return seen


def test_the_note_on_left_out_text_is_on_the_first_page(untoc, monkeypatch):
    _answer_in_scripts(untoc)
    seen = _rendered_blocks(monkeypatch, untoc, _meta(fonts=Fonts(cjk=None)))
    notes = [s for s in seen if "no font for" in s[2]]
    assert notes and notes[0][0] == 1
    assert "workbook" in notes[0][2]
    assert not any(ch in text for _p, _s, text in seen for ch in CHINESE)
    assert any(ARABIC in text for _p, _s, text in seen)


def test_the_pdf_labels_are_translated(untoc):
    def translate(message):
        return {"Answer": "Respuesta"}.get(_english(message), _english(message))

    blocks = list(blocks_of(untoc, _values(untoc), _meta(translate=translate)))
    assert "Respuesta" in [b.text for b in blocks]


def test_arabic_paragraphs_are_aligned_right(untoc, monkeypatch):
    from sherloc_review.responses import pdf as module

    _answer_in_scripts(untoc)
    aligned = {}
    original = module._QuestionnairePDF.multi_cell

    def multi_cell(self, w, h=None, text="", **kwargs):
        aligned[text] = kwargs.get("align")
        return original(self, w, h, text, **kwargs)

    monkeypatch.setattr(module._QuestionnairePDF, "multi_cell", multi_cell)
    render_pdf(untoc, _values(untoc), _meta())
    assert aligned[ARABIC] == "R"
    assert aligned[f"{RUSSIAN}\n{CHINESE}"] == "L"


def test_control_characters_are_dropped_without_a_note(untoc, monkeypatch):
    qid = unanswered_id(untoc)
    text = "line\x0bbreak with an Arabic letter mark \u061c"
    save(untoc, qid, AnswerValue(closed="no", text=text), 0, "focal-ken")
    seen = _rendered_blocks(monkeypatch, untoc, _meta(fonts=Fonts(cjk=None)))
    assert "linebreak with an Arabic letter mark " in [t for _p, _s, t in seen]
    assert not any("no font for" in t for _p, _s, t in seen)


def test_the_submitted_version_says_when_it_was_submitted(untoc):
    from sherloc_review.responses.submit import submit

    submit(untoc, "focal-ken", datetime.date(2027, 1, 20), "key", False)
    values = dict(untoc.submitted.values)
    meta = _meta(showing_submitted=True)
    texts = [b.text for b in blocks_of(untoc, values, meta)]
    assert "Status: Submitted responses of 2027-01-20" in texts
