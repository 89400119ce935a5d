"""The questionnaire module through its pages (issue 4, ¶20, ¶22, ¶34, ¶40).

Kenya (``focal-ken``, ``expert-ken``) answers its draft; Italy has
submitted every instrument in the demo.
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.responses.answers import save
from sherloc_review.responses.resources import AnswerValue

KEN = "/review/countries/KEN/phase-1/responses/UNTOC"
ITA = "/review/countries/ITA/phase-1/responses/UNTOC"


def _free(portal, instrument="UNTOC"):
    assessment = portal["review"]["countries"]["KEN"].phases[1].responses[instrument]
    return next(
        q for q in assessment.questions if not assessment.answers[q.id].revision
    )


def _form(client, question_id):
    return client.get(f"{KEN}/answer/{question_id}").forms["answer"]


def test_an_expert_answers_and_the_page_shows_it_with_progress(app, db, portal):
    question = _free(portal)
    expert = client_as(app, "expert-ken")
    before = expert.get(KEN).html.find(id="progress")["data-answered"]
    form = _form(expert, question.id)
    form["answer-closed"] = "yes"
    legislation = next(f for f in question.follow_ups if f.id == "legislation")
    form[f"fu_{legislation.id}"] = "Penal Code, section 12"
    form["text"] = "Further information from the expert"
    page = form.submit("save").follow()
    item = page.html.find(id=question.id)
    assert "Penal Code, section 12" in item.text
    assert "Further information from the expert" in item.text
    assert item.find(class_="closed")["data-closed"] == "yes"
    assert int(page.html.find(id="progress")["data-answered"]) == int(before) + 1
    phase = expert.get("/review/countries/KEN/phase-1")
    row = phase.html.find(id="responses").find("tr", attrs={"data-instrument": "UNTOC"})
    assert f"{int(before) + 1} " in row.text


def test_a_second_writer_on_the_same_question_sees_the_other_text(app, db, portal):
    question = _free(portal)
    focal, expert = client_as(app, "focal-ken"), client_as(app, "expert-ken")
    mine, theirs = _form(focal, question.id), _form(expert, question.id)
    theirs["answer-closed"] = "yes"
    theirs["text"] = "The expert's text"
    theirs.submit("save")
    mine["answer-closed"] = "no"
    mine["text"] = "The focal point's text"
    page = mine.submit("save", status=409)
    conflict = page.html.find(id="conflict")
    assert "expert-ken" in conflict.text and "The expert's text" in conflict.text
    form = page.forms["answer"]
    assert form["text"].value == "The focal point's text"  # nothing lost
    form.submit("save").follow()  # now based on the expert's revision
    commit(portal)
    answer = (
        portal["review"]["countries"]["KEN"]
        .phases[1]
        .responses["UNTOC"]
        .answers[question.id]
    )
    assert [r.by for r in answer.history] == ["expert-ken", "focal-ken"]


def test_autosave_answers_in_json_and_refuses_a_stale_revision(app, db, portal):
    question = _free(portal)
    focal = client_as(app, "focal-ken")
    form = _form(focal, question.id)
    form["text"] = "autosaved"
    fields = dict(form.submit_fields("save"))
    headers = {"Accept": "application/json"}
    saved = focal.post(f"{KEN}/answer/{question.id}", fields, headers=headers)
    assert saved.json["revision"] == 1
    stale = focal.post(
        f"{KEN}/answer/{question.id}", fields, headers=headers, status=409
    )
    assert stale.json == {**stale.json, "conflict": True, "revision": 1}


def test_history_lists_revisions_and_shows_a_word_diff(app, db, portal):
    question = _free(portal)
    focal = client_as(app, "focal-ken")
    for who, text in (
        ("expert-ken", "the old wording"),
        ("focal-ken", "the new wording"),
    ):
        form = _form(client_as(app, who), question.id)
        form["answer-closed"] = "partly"
        form["text"] = text
        form.submit("save")
    page = focal.get(f"{KEN}/history/{question.id}")
    rows = page.html.find(id="revisions").find_all("tr", attrs={"data-revision": True})
    assert [r["data-revision"] for r in rows] == ["2", "1"]
    diff = focal.get(f"{KEN}/history/{question.id}?a=1&b=2").html.find(id="diff")
    assert diff.find("del").text == "old" and diff.find("ins").text == "new"
    focal.get(f"{KEN}/history/{question.id}?a=1&b=9", status=400)


def test_a_file_is_attached_checked_from_content_and_sent_as_attachment(
    app, db, portal
):
    question = _free(portal)
    focal = client_as(app, "focal-ken")
    page = focal.get(f"{KEN}/answer/{question.id}")
    form = page.forms["attach-form"]
    form["file"] = ("law.pdf", b"%PDF-1.4\n% a law\n", "application/pdf")
    page = form.submit().follow()
    link = page.html.find("a", href=lambda h: h and "/file/" in h)
    assert link.text == "law.pdf"
    download = focal.get(link["href"])
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.body.startswith(b"%PDF-1.4")
    # An executable calling itself a PDF is refused, and nothing is stored.
    form = page.forms["attach-form"]
    form["file"] = (
        "virus.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
        "application/pdf",
    )
    refused = form.submit().follow()
    assert "not accepted" in refused.text
    commit(portal)
    assessment = portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]
    assert [a.filename for a in assessment.attachments.values()] == ["law.pdf"]


def test_files_over_the_size_limit_are_refused(app, db, portal):
    question = _free(portal)
    focal = client_as(app, "focal-ken")
    previous = app.registry.settings.get("sherloc.max_upload_bytes")
    app.registry.settings["sherloc.max_upload_bytes"] = "1024"
    try:
        form = focal.get(f"{KEN}/answer/{question.id}").forms["attach-form"]
        form["file"] = ("big.txt", b"x" * 2048, "text/plain")
        assert "larger than" in form.submit().follow().text
    finally:
        if previous is None:
            del app.registry.settings["sherloc.max_upload_bytes"]
        else:
            app.registry.settings["sherloc.max_upload_bytes"] = previous


def test_submission_shows_the_unanswered_then_freezes_the_responses(app, db, portal):
    focal = client_as(app, "focal-ken")
    confirm = focal.get(f"{KEN}/submit")
    unanswered = confirm.html.find(id="unanswered")
    assert unanswered is not None and unanswered.find("li")
    client_as(app, "expert-ken").get(f"{KEN}/submit", status=403)
    page = confirm.forms["submit-form"].submit().follow()
    assert page.html.find(id="status")["data-status"] == "submitted"
    question = _free(portal)
    focal.get(f"{KEN}/answer/{question.id}", status=403)  # frozen
    # The same act sent again (a lost answer, a double click) is the same act.
    again = confirm.forms["submit-form"].submit()
    assert again.status_int == 303


def test_the_secretariat_submits_only_with_the_request_recorded(app, db, portal):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get(f"{KEN}/submit").forms["submit-form"]
    form["requested"] = ""
    refused = secretariat.post(f"{KEN}/submit", dict(form.submit_fields()), status=400)
    assert refused.html.find(id="submit-error")
    form["requested"] = "Ms. A. Focal, by e-mail of 3 March"
    page = form.submit().follow()
    assert "Ms. A. Focal" in page.html.find(id="status").text


def test_the_secretariat_saves_on_the_states_behalf_and_it_is_recorded(app, db, portal):
    question = _free(portal)
    secretariat = client_as(app, "secretariat")
    form = secretariat.get(f"{KEN}/answer/{question.id}").forms["answer"]
    form["answer-closed"] = "no"
    form.submit("save")
    page = client_as(app, "focal-ken").get(f"{KEN}/history/{question.id}")
    assert "Secretariat, on the State" in page.html.find(id="revisions").text


def test_an_earlier_phases_answer_is_copied_forward_and_flagged(app, db, portal):
    """¶22: phase 2 reuses a phase-1 answer; the update is still to state."""
    from datetime import date

    from sherloc_review.cycle.phases import PhaseReview
    from sherloc_review.responses.setup import open_responses
    from sherloc_review.responses.submit import submit

    mechanism = portal["review"]
    country = mechanism["countries"]["KEN"]
    first = country.phases[1].responses["UNTOC"]
    question = next(q for q in first.questions if not first.answers[q.id].revision)
    save(first, question.id, AnswerValue(closed="yes", text="phase one text"), 0, "x")
    for assessment in country.phases[1].responses.values():
        submit(assessment, "focal-ken", date(2027, 1, 20), "k", False)
    second = PhaseReview(2, "1", "II", date(2027, 9, 1))
    country.add_phase(second)
    open_responses(mechanism, second)
    commit(portal)
    target = second.responses["UNTOC"].questions[0]
    focal = client_as(app, "focal-ken")
    url = f"/review/countries/KEN/phase-2/responses/UNTOC/answer/{target.id}"
    form = focal.get(url).forms["copy-form"]
    form["source"] = f"1:UNTOC:{question.id}"
    form.submit().follow()
    page = focal.get("/review/countries/KEN/phase-2/responses/UNTOC")
    item = page.html.find(id=target.id)
    assert "phase one text" in item.text
    assert item.find(class_="update-missing")


@pytest.mark.parametrize("who", ["focal-ken", "secretariat"])
def test_search_finds_working_answers_for_the_state_and_secretariat(
    app, db, portal, who
):
    question = _free(portal)
    focal = client_as(app, "focal-ken")
    form = _form(focal, question.id)
    form["answer-closed"] = "yes"
    form["text"] = "zebrafinch marker"
    form.submit("save")
    query = "?q=zebrafinch" + ("&state=KEN" if who == "secretariat" else "")
    hits = client_as(app, who).get(f"/review/search{query}").html.find(id="hits")
    assert hits is not None and question.id in hits.text


def test_legislation_shows_back_links_only_to_those_who_may_see_the_answer(
    app, db, portal
):
    record = "/knowledge/legislation/demo-ita-codice-penale-416-bis"
    reviewer = portal["review"]["countries"]["ITA"].reviewers[0].state
    seen = client_as(app, f"focal-{reviewer.lower()}").get(record)
    assert "ITA, phase 1, UNTOC, I-UNTOC-5" in seen.text
    assert "no-store" in seen.headers["Cache-Control"]
    for who in (None, "ngo-demo"):
        assert "I-UNTOC-5" not in client_as(app, who).get(record).text


@pytest.mark.parametrize(
    ("closed", "follow_up"), [("yes", "challenges"), ("no", "legislation")]
)
def test_a_follow_up_not_asked_is_shown_on_its_own_field_without_script(
    app, db, portal, closed, follow_up
):
    """Without script every follow-up shows; one filled in for an answer
    that does not ask it is refused on that field (a follow-up named like
    another field of the form, ``legislation``, included)."""
    question = _free(portal)
    form = _form(client_as(app, "focal-ken"), question.id)
    form["answer-closed"] = closed
    form[f"fu_{follow_up}"] = "typed for the wrong answer"
    page = form.submit("save", status=400)
    assert page.html.find(id=f"error-answer-fu_{follow_up}")
    assert page.html.find(id="error-answer-legislation") is None
    assert page.forms["answer"][f"fu_{follow_up}"].value == "typed for the wrong answer"
