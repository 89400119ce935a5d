"""The reviewing States' written feedback through its pages (issue 5, ¶35).

Italy's phase 1 of the demo, at the written-feedback stage: Portugal
(every instrument) released its feedback with a request Italy has not
answered; Syria (all but the Firearms Protocol) drafts two items; Oman,
an additional reviewer for the Firearms Protocol only, has written
nothing.  Italy (``focal-ita``, ``expert-ita``) is under review.
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.countries.resources import Reviewer
from sherloc_review.versioned import MAX_TEXT

F = "/review/countries/ITA/phase-1/feedback"


def _phase(portal):
    return portal["review"]["countries"]["ITA"].phases[1]


def _article(portal, instrument="UNTOC") -> str:
    return _phase(portal).responses[instrument].questions[0].article


def _rows(page) -> dict:
    table = page.html.find(id="reviewers")
    return {
        row["data-reviewer"]: row
        for row in table.find_all("tr", attrs={"data-reviewer": True})
    }


def _add(client, reviewer, place, kind, text, status=303):
    form = client.get(f"{F}/{reviewer}/add").forms["new-item"]
    form["place"].force_value(place)
    form["kind"].force_value(kind)
    form["text"] = text
    return form.submit("add", status=status)


def _csrf(client) -> str:
    """The session's CSRF token, read from any form of a page."""
    return client.get(F).html.find("input", attrs={"name": "csrf_token"})["value"]


def _request_number(portal, reviewer="PRT") -> int:
    written = _phase(portal).feedback[reviewer]
    return next(i.number for i in written.items.values() if i.is_request)


def test_the_list_shows_each_reviewing_state_its_due_date_and_open_requests(
    app, db, portal, clock
):
    page = client_as(app, "focal-ita").get(F)
    rows = _rows(page)
    assert list(rows) == ["PRT", "SYR", "OMN"]
    assert rows["PRT"]["data-status"] == "released" and rows["PRT"].find("a")
    assert "focal-prt" in rows["PRT"].text  # who released, and when
    # Syria's draft: its status, but no link and no counts for Italy.
    assert rows["SYR"]["data-status"] == "draft" and rows["SYR"].find("a") is None
    assert page.html.find(id="open-total")["data-open"] == "1"
    due = _phase(portal).feedback_due
    assert page.html.find(id="due")["data-due"] == due.isoformat()
    left = (due - clock.today()).days
    assert page.html.find(id="days-left").text.strip() == f"(days left: {left})"
    clock.set(due.replace(year=due.year + 1))
    assert client_as(app, "focal-ita").get(F).html.find(id="overdue")
    # Syria's own officials open their draft from the list.
    assert _rows(client_as(app, "expert-syr").get(F))["SYR"].find("a")


def test_an_expert_of_a_reviewing_state_drafts_items_by_instrument_and_article(
    app, db, portal
):
    expert = client_as(app, "expert-syr")
    article = _article(portal, "TIP")
    page = _add(expert, "SYR", f"TIP:{article}", "question", "How many cases?")
    page = page.follow()
    section = page.html.find("section", attrs={"data-instrument": "TIP"})
    item = section.find("article", class_="feedback-item")
    assert "How many cases?" in item.text and "Supplementary question" in item.text
    assert f"Article {article}" in section.text and "expert-syr" in item.text
    _add(expert, "SYR", "SOM", "success", "A whole-instrument remark").follow()
    commit(portal)
    number = max(_phase(portal).feedback["SYR"].items.keys())
    assert _phase(portal).feedback["SYR"].items[number].article == ""
    # Edited, then its history lists both versions.
    form = expert.get(f"{F}/SYR/edit/{number}").forms["edit"]
    form["text"] = "A whole-instrument remark, revised"
    form.submit("save").follow()
    history = expert.get(f"{F}/SYR/history/{number}")
    rows = history.html.find(id="item-versions").find_all(
        "tr", attrs={"data-revision": True}
    )
    assert [r["data-revision"] for r in rows] == ["2", "1"]


def test_two_writers_on_one_item_the_second_sees_both_texts_and_loses_nothing(
    app, db, portal
):
    focal, expert = client_as(app, "focal-syr"), client_as(app, "expert-syr")
    mine = focal.get(f"{F}/SYR/edit/1").forms["edit"]
    theirs = expert.get(f"{F}/SYR/edit/1").forms["edit"]
    theirs["text"] = "The expert's text"
    theirs.submit("save", status=303)
    mine["text"] = "The focal point's text"
    page = mine.submit("save", status=409)
    conflict = page.html.find(id="conflict")
    assert "expert-syr" in conflict.text and "The expert's text" in conflict.text
    form = page.forms["edit"]
    assert form["text"].value == "The focal point's text"  # kept in the form
    form.submit("save", status=303)  # now over the expert's revision
    commit(portal)
    item = _phase(portal).feedback["SYR"].items[1]
    assert [v.by for v in item.versions][-2:] == ["expert-syr", "focal-syr"]
    assert item.text == "The focal point's text"


def test_a_withdrawn_item_is_kept_marked_and_shown_to_the_drafters_only(
    app, db, portal
):
    focal, expert = client_as(app, "focal-syr"), client_as(app, "expert-syr")
    stale = focal.get(f"{F}/SYR/edit/2").forms["edit"]
    form = expert.get(f"{F}/SYR/edit/2").forms["edit"]
    form["text"] = "Reworded before withdrawal"
    form.submit("save", status=303)
    # A withdrawal over an older revision shows what was saved meanwhile.
    page = stale.submit("withdraw", status=409)
    assert "Reworded before withdrawal" in page.html.find(id="conflict").text
    page.forms["edit"].submit("withdraw", status=303)
    item = expert.get(f"{F}/SYR").html.find(id="item-2")
    assert item["data-withdrawn"] == "yes" and "withdrawn" in item.text
    assert item.find("a", string="Edit") is None
    expert.get(f"{F}/SYR/edit/2", status=404)
    focal.post(
        f"{F}/SYR/release",
        {"csrf_token": _token(focal, "SYR"), "key": "k-1"},
        status=303,
    )
    released = client_as(app, "focal-ita").get(f"{F}/SYR")
    assert released.html.find(id="item-2") is None  # the reader never sees it
    client_as(app, "focal-ita").get(f"{F}/SYR/history/2", status=404)
    commit(portal)
    assert _phase(portal).feedback["SYR"].items[2].withdrawn  # kept


def _token(client, reviewer) -> str:
    return (
        client.get(f"{F}/{reviewer}/release").forms["release-form"]["csrf_token"].value
    )


def test_the_focal_point_releases_once_and_the_last_release_opens_the_dialogue(
    app, db, portal
):
    client_as(app, "expert-syr").get(f"{F}/SYR/release", status=403)
    focal = client_as(app, "focal-syr")
    page = focal.get(f"{F}/SYR/release")
    counts = page.html.find(id="counts")
    assert (counts["data-items"], counts["data-requests"]) == ("2", "1")
    form = page.forms["release-form"]
    fields = dict(form.submit_fields())
    form.submit(status=303).follow()
    # The same act sent again lands on the same result.
    focal.post(f"{F}/SYR/release", fields, status=303)
    commit(portal)
    syr = _phase(portal).feedback["SYR"]
    assert syr.status == "released" and syr.release.key == fields["key"]
    # Another key is another act: refused, the release stays as it was.
    again = focal.post(f"{F}/SYR/release", {**fields, "key": "other"}, status=409)
    assert again.html.find(id="release-error")
    assert _phase(portal).state == "feedback"  # Oman has not released
    client_as(app, "expert-syr").get(f"{F}/SYR/add", status=403)  # no longer changes
    _add(client_as(app, "expert-omn"), "OMN", "FIREARMS", "success", "Well done")
    client_as(app, "focal-omn").get(f"{F}/OMN/release").forms["release-form"].submit(
        status=303
    )
    commit(portal)
    assert _phase(portal).state == "dialogue"


def test_the_state_under_review_answers_a_request_and_the_open_count_drops(
    app, db, portal
):
    focal = client_as(app, "focal-ita")
    focal.get(f"{F}/SYR", status=403)  # a draft is not Italy's to read
    number = _request_number(portal)
    page = focal.get(f"{F}/PRT")
    assert page.html.find(id=f"item-{number}")["data-open"] == "yes"
    form = focal.get(f"{F}/PRT/answer/{number}").forms["answer"]
    form["text"] = "The offence is applied by the ordinary courts."
    page = form.submit("save", status=303).follow()
    item = page.html.find(id=f"item-{number}")
    assert "ordinary courts" in item.find(class_="reply").text
    assert not item.get("data-open") and page.html.find(id="open")["data-open"] == "0"
    assert (
        client_as(app, "focal-ita").get(F).html.find(id="open-total")["data-open"]
        == "0"
    )
    # The reviewers read the answer too, and its versions.
    history = client_as(app, "expert-prt").get(f"{F}/PRT/history/{number}")
    assert "ordinary courts" in history.html.find(id="reply-versions").text


def test_two_answers_at_once_the_second_sees_the_first(app, db, portal):
    number = _request_number(portal)
    mine = client_as(app, "focal-ita").get(f"{F}/PRT/answer/{number}").forms["answer"]
    theirs = (
        client_as(app, "expert-ita").get(f"{F}/PRT/answer/{number}").forms["answer"]
    )
    theirs["text"] = "The expert's answer"
    theirs.submit("save", status=303)
    mine["text"] = "The focal point's answer"
    page = mine.submit("save", status=409)
    assert "The expert's answer" in page.html.find(id="conflict").text
    assert page.forms["answer"]["text"].value == "The focal point's answer"


def test_an_additional_reviewer_reads_only_the_items_of_its_instruments(
    app, db, portal
):
    """Oman reviews the Firearms Protocol only (¶28(b)); Portugal's demo
    items are on the Convention."""
    prt = _phase(portal).feedback["PRT"]
    assert {i.instrument for i in prt.items.values()} == {"UNTOC"}
    oman = client_as(app, "focal-omn")
    page = oman.get(f"{F}/PRT")
    assert page.html.find("article", class_="feedback-item") is None
    oman.get(f"{F}/PRT/history/1", status=404)
    assert _rows(oman.get(F))["PRT"].find_all("td")[2].text.strip() == "0"
    # Italy, under review, reads them all.
    assert client_as(app, "expert-ita").get(f"{F}/PRT").html.find(id="item-1")


@pytest.mark.parametrize(
    ("place", "kind", "text", "field"),
    [
        ("UNTOC", "opinion", "An unknown kind", "kind"),
        ("FIREARMS", "success", "Syria does not review it", "place"),
        ("UNTOC:999", "success", "No such article", "place"),
        ("", "success", "No instrument", "place"),
        ("UNTOC", "success", "   ", "text"),
        ("UNTOC", "success", "x" * (MAX_TEXT + 1), "text"),
    ],
)
def test_bad_items_come_back_with_an_error_and_nothing_is_stored(
    app, db, portal, place, kind, text, field
):
    page = _add(client_as(app, "expert-syr"), "SYR", place, kind, text, status=400)
    assert page.html.find(id=f"error-new-item-{field}"), page.html.find(class_="error")
    commit(portal)
    assert len(_phase(portal).feedback["SYR"].items) == 2


def test_an_empty_or_garbled_edit_is_refused_on_the_form(app, db, portal):
    expert = client_as(app, "expert-syr")
    form = expert.get(f"{F}/SYR/edit/1").forms["edit"]
    form["text"] = ""
    assert form.submit("save", status=400).html.find(id="error-edit-text")
    fields = dict(form.submit_fields("save"))
    expert.post(f"{F}/SYR/edit/1", {**fields, "revision": "x"}, status=400)
    for bad in ("99", "0", "1x", "%C2%B2", "1/2"):
        expert.get(f"{F}/SYR/edit/{bad}", status=404)
    # An answer to a statement, or before release, has no form.
    focal = client_as(app, "focal-ita")
    statement = next(
        i.number
        for i in _phase(portal).feedback["PRT"].items.values()
        if not i.is_request
    )
    focal.get(f"{F}/PRT/answer/{statement}", status=404)


def test_a_reviewing_state_brought_in_by_a_redraw_begins_its_feedback(app, db, portal):
    from sherloc_portal.api.testing import add_account

    country = portal["review"]["countries"]["ITA"]
    country.reviewers = (*country.reviewers, Reviewer("FRA", ("UNTOC",), "additional"))
    add_account(
        portal, app.registry, "observer-fra", state="FRA", state_role="observer"
    )
    commit(portal)
    observer = client_as(app, "observer-fra")
    assert _rows(observer.get(F))["FRA"].find("form") is None
    focal = client_as(app, "focal-fra")
    page = focal.get(F)  # never creates it on a read
    row = _rows(page)["FRA"]
    assert row["data-status"] == "none"
    commit(portal)
    assert _phase(portal).feedback.get("FRA") is None
    form = page.forms["begin-FRA"]
    token = form["csrf_token"].value
    # Only for one's own State, and only by those who may write it.
    focal.post(f"{F}/start", {"csrf_token": token, "reviewer": "SYR"}, status=403)
    observer.post(
        f"{F}/start", {"csrf_token": _csrf(observer), "reviewer": "FRA"}, status=403
    )
    commit(portal)
    assert _phase(portal).feedback.get("FRA") is None
    add = form.submit(status=303).follow()
    add.forms["new-item"]["text"] = "A first remark"
    add.forms["new-item"].submit("add", status=303)
    commit(portal)
    assert [i.text for i in _phase(portal).feedback["FRA"].items.values()] == [
        "A first remark"
    ]


def test_the_pages_read_right_to_left_in_arabic(app, db, portal):
    expert = client_as(app, "expert-syr")
    expert.set_cookie("sherloc_lang", "ar")
    for path in (
        F,
        f"{F}/SYR",
        f"{F}/SYR/add",
        f"{F}/SYR/edit/1",
        f"{F}/PRT/history/1",
    ):
        page = expert.get(path)
        assert (page.html.html["lang"], page.html.html["dir"]) == ("ar", "rtl")
    # Texts take their own direction inside the page.
    assert expert.get(f"{F}/SYR").html.find(class_="answer-text")
