"""Working offline through the pages (issue 4): export a PDF and a
workbook, fill the workbook in, import it back; refusals of stale, broken
and unauthorized imports.  Kenya (``focal-ken``, ``expert-ken``) has its
Convention questionnaire in draft in the demo.
"""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.responses.answers import save
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.submit import submit
from sherloc_review.responses.workbook import letter

KEN = "/review/countries/KEN/phase-1/responses/UNTOC"
LAW = "demo-fra-code-penal-450-1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _untoc(portal):
    return portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]


def _free(portal, count=1):
    assessment = _untoc(portal)
    return [q for q in assessment.questions if not assessment.answers[q.id].revision][
        :count
    ]


def _row(sheet, question_id, follow_up=""):
    for row in range(2, sheet.max_row + 1):
        if (sheet[f"A{row}"].value, sheet[f"B{row}"].value or "") == (
            question_id,
            follow_up,
        ):
            return row
    raise AssertionError(question_id)


def _fill(data: bytes, answers: dict) -> bytes:
    """The workbook with ``{question id: {column key: value}}`` typed in."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Answers"]
    for question_id, cells in answers.items():
        for key, value in cells.items():
            sheet[f"{letter(key)}{_row(sheet, question_id)}"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(client, data: bytes, status=None, name="answers.xlsx"):
    form = client.get(f"{KEN}/import").forms["import-form"]
    form["workbook"] = (name, data, XLSX)
    return form.submit(status=status)


def _problems(page) -> list[tuple[str, str, str]]:
    return [
        (row["data-row"], row["data-column"], row.find_all("td")[-1].text)
        for row in page.html.find(id="problems").find_all("tr", class_="problem")
    ]


def test_an_official_exports_fills_in_and_imports_the_workbook(app, db, portal):
    first, second = _free(portal, 2)
    focal = client_as(app, "focal-ken")
    exported = focal.get(f"{KEN}/export.xlsx")
    assert exported.content_type == XLSX
    assert exported.headers["Content-Disposition"].startswith(
        'attachment; filename="KEN-phase-1-UNTOC.xlsx"'
    )
    assert exported.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in exported.headers["Cache-Control"]
    filled = _fill(
        exported.body,
        {
            first.id: {"closed": "Yes, in part", "text": "Imported offline"},
            second.id: {"closed": "No", "legislation": LAW},
        },
    )
    done = _import(focal, filled, status=303)
    page = done.follow()
    assert "Answers imported: 2." in page.text
    commit(portal)  # a new transaction sees the import
    assessment = _untoc(portal)
    answer = assessment.answers[first.id]
    assert (answer.revision, answer.last.by) == (1, "focal-ken")
    assert answer.value.closed == "partly" and answer.value.text == "Imported offline"
    assert not answer.last.on_behalf
    assert assessment.answers[second.id].value.legislation == (LAW,)
    # The same workbook again changes nothing and says so.
    again = _import(focal, filled, status=303).follow()
    assert "changes no answer" in again.text
    assert assessment.answers[first.id].revision == 1


def test_the_secretariats_import_is_recorded_on_the_states_behalf(app, db, portal):
    (question,) = _free(portal)
    secretariat = client_as(app, "secretariat")
    data = secretariat.get(f"{KEN}/export.xlsx").body
    _import(secretariat, _fill(data, {question.id: {"closed": "yes"}}), status=303)
    commit(portal)
    assert _untoc(portal).answers[question.id].last.on_behalf


def test_an_import_over_an_answer_saved_since_is_refused_and_saves_nothing(
    app, db, portal
):
    first, second = _free(portal, 2)
    focal = client_as(app, "focal-ken")
    data = focal.get(f"{KEN}/export.xlsx").body
    save(_untoc(portal), first.id, AnswerValue(closed="yes"), 0, "expert-ken")
    commit(portal)
    filled = _fill(data, {first.id: {"closed": "no"}, second.id: {"closed": "no"}})
    page = _import(focal, filled, status=400)
    ((row, column, message),) = _problems(page)
    assert column == "A" and row == str(_row_of(data, first.id))
    assert message.startswith("expert-ken saved this answer on ")
    assert "Nothing was imported" in page.html.find(id="problems").text
    commit(portal)
    assert _untoc(portal).answers[second.id].revision == 0  # all or nothing


def _row_of(data: bytes, question_id: str) -> int:
    return _row(openpyxl.load_workbook(io.BytesIO(data))["Answers"], question_id)


def test_every_problem_is_listed_by_row_and_column(app, db, portal):
    first, second = _free(portal, 2)
    focal = client_as(app, "focal-ken")
    data = focal.get(f"{KEN}/export.xlsx").body
    filled = _fill(
        data,
        {first.id: {"closed": "Perhaps"}, second.id: {"legislation": "no-such-law"}},
    )
    problems = _problems(_import(focal, filled, status=400))
    assert [(r, c) for r, c, _m in problems] == [
        (str(_row_of(data, first.id)), "E"),
        (str(_row_of(data, second.id)), "G"),
    ]
    assert "“Perhaps” is not one of the answers offered" in problems[0][2]
    assert "no-such-law" in problems[1][2]


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4 not a workbook", b"", b"PK\x03\x04 truncated"],
    ids=["pdf", "empty", "broken-zip"],
)
def test_a_file_that_is_no_workbook_is_refused_clearly(app, db, portal, data):
    focal = client_as(app, "focal-ken")
    page = _import(focal, data, status=400, name="answers.pdf")
    ((_row, _column, message),) = _problems(page)
    assert "not an Excel workbook" in message


def test_a_workbook_of_another_instrument_is_refused(app, db, portal):
    focal = client_as(app, "focal-ken")
    data = focal.get(KEN.replace("UNTOC", "TIP") + "/export.xlsx").body
    ((_row, _column, message),) = _problems(_import(focal, data, status=400))
    assert "KEN, phase 1, TIP" in message


def test_the_import_page_says_attachments_stay_on_the_answer_pages(app, db, portal):
    page = client_as(app, "focal-ken").get(f"{KEN}/import")
    assert "Attachments are not carried" in page.html.find(id="attachments-note").text


def test_the_pdf_is_a_confidential_download(app, db, portal):
    focal = client_as(app, "focal-ken")
    pdf = focal.get(f"{KEN}/export.pdf")
    assert pdf.content_type == "application/pdf" and pdf.body.startswith(b"%PDF-")
    assert pdf.headers["Content-Disposition"].startswith(
        'attachment; filename="KEN-phase-1-UNTOC.pdf"'
    )
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in pdf.headers["Cache-Control"]
    blank = focal.get(f"{KEN}/export.pdf?blank=1")
    assert "KEN-phase-1-UNTOC-blank.pdf" in blank.headers["Content-Disposition"]
    assert blank.body.startswith(b"%PDF-")


def test_the_pdf_is_translated(app, db, portal):
    focal = client_as(app, "focal-ken")
    focal.set_cookie("sherloc_lang", "ar")
    pdf = focal.get(f"{KEN}/export.pdf")
    assert pdf.body.startswith(b"%PDF-") and b"/Lang (ar)" in pdf.body


def test_a_blank_workbook_carries_no_answers(app, db, portal):
    focal = client_as(app, "focal-ken")
    data = focal.get(f"{KEN}/export.xlsx?blank=1").body
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Answers"]
    texts = [sheet[f"{letter('text')}{r}"].value for r in range(2, sheet.max_row + 1)]
    assert not any(texts)
    # Sent back empty, it changes nothing, even where answers exist.
    assert "changes no answer" in _import(focal, data, status=303).follow().text


def test_other_readers_get_the_submitted_version_for_reading_only(app, db, portal):
    from datetime import date

    assessment = _untoc(portal)
    submit(assessment, "focal-ken", date(2027, 1, 20), "key", False)
    commit(portal)
    reviewer = "focal-" + portal["review"]["countries"]["KEN"].reviewers[0].state
    client = client_as(app, reviewer.lower())
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{KEN}/export.xlsx").body))
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about["kind"] == "reading"
    assert client.get(f"{KEN}/export.pdf").body.startswith(b"%PDF-")
    client.get(f"{KEN}/import", status=403)


@pytest.mark.parametrize("who", ["ngo-demo", "focal-fra"])
def test_outsiders_are_refused_every_offline_view(app, db, portal, who):
    client = client_as(app, who)
    for view in ("export.pdf", "export.xlsx", "export.pdf?blank=1", "import"):
        client.get(f"{KEN}/{view}", status=403)
    token = client.get("/account").html.find("input", attrs={"name": "csrf_token"})
    fields = {"csrf_token": token["value"]} if token else {}
    client.post(
        f"{KEN}/import",
        fields,
        upload_files=[("workbook", "a.xlsx", b"PK")],
        status=403,
    )


def test_an_anonymous_reader_is_sent_to_log_in(app, db, portal):
    client = client_as(app)
    for view in ("export.pdf", "export.xlsx", "import"):
        response = client.get(f"{KEN}/{view}", expect_errors=True)
        assert response.status_int in (303, 302, 401, 403), view
        if response.status_int in (302, 303):
            assert "login" in response.location


def test_an_import_without_the_csrf_token_is_refused(app, db, portal):
    (question,) = _free(portal)
    focal = client_as(app, "focal-ken")
    data = _fill(focal.get(f"{KEN}/export.xlsx").body, {question.id: {"closed": "no"}})
    focal.post(f"{KEN}/import", upload_files=[("workbook", "a.xlsx", data)], status=400)
    commit(portal)
    assert _untoc(portal).answers[question.id].revision == 0


def test_a_server_without_its_fonts_says_so_instead_of_failing(app, db, monkeypatch):
    from pathlib import Path

    from sherloc_review.responses import offline_views, pdf

    def without_fonts(assessment, values, meta):
        missing = pdf.Fonts(regular=Path("/nonexistent/DejaVuSans.ttf"))
        return pdf.render_pdf(assessment, values, replace(meta, fonts=missing))

    monkeypatch.setattr(offline_views, "render_pdf", without_fonts)
    page = client_as(app, "focal-ken").get(f"{KEN}/export.pdf", status=503)
    assert "workbook" in page.text
