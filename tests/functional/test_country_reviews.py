"""A State's review: who reviews it, redraw requests, and access that follows.

Uses the demo profile's draw (draw 1).  Access to a review is computed
from its reviewers: after a granted redraw the replaced reviewer's
officials lose it and the new reviewer's officials gain it.
"""

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token

UNDER_REVIEW = "FRA"


def _review(portal):
    commit(portal)
    return portal["review"]["countries"][UNDER_REVIEW]


def _outsider(review) -> str:
    return next(s for s in ("KEN", "BRA", "JPN", "CAN") if s not in review.participants)


def _ask(client, reason="language", note="We work in French.", status=303):
    form = client.get(f"/review/countries/{UNDER_REVIEW}/request-redraw").forms[
        "request-redraw"
    ]
    form["reason"] = reason
    form["note"] = note
    return form.submit("ask", status=status)


def _decide(client, number, decision, note=""):
    page = client.get(f"/review/countries/{UNDER_REVIEW}")
    form = page.forms[f"decide-{number}"]
    form["note"] = note
    return form.submit("decision", value=decision)


def test_the_review_page_shows_group_phase_and_reviewers(app, db, portal):
    review = _review(portal)
    page = client_as(app, "focal-fra").get(f"/review/countries/{UNDER_REVIEW}")
    assert page.html.find(id="review-group").text.strip() == review.group
    shown = {
        r["data-reviewer"] for r in page.html.find_all(attrs={"data-reviewer": True})
    }
    assert shown == {r.state for r in review.reviewers}
    counters = page.html.find(id="redraw-counters").find_all("li")
    assert len(counters) == len(review.participants)
    assert "0" in counters[0].text and "4" in counters[0].text
    assert page.html.find(id="request-redraw-link") is not None


def test_any_state_party_official_sees_who_reviews_but_not_the_requests(
    app, db, portal
):
    review = _review(portal)
    outsider = _outsider(review).lower()
    page = client_as(app, f"expert-{outsider}").get(f"/review/countries/{UNDER_REVIEW}")
    assert page.html.find(id="reviewers") is not None
    assert page.html.find(id="redraw-counters") is None
    assert page.html.find(id="request-redraw-link") is None
    client_as(app, f"focal-{outsider}").get(
        f"/review/countries/{UNDER_REVIEW}/request-redraw", status=403
    )


@pytest.mark.parametrize("who", ["ngo-demo", None])
def test_ngos_and_the_public_are_refused(app, db, who):
    response = client_as(app, who).get(
        f"/review/countries/{UNDER_REVIEW}", expect_errors=True
    )
    assert response.status_int in (302, 303, 403)
    assert "reviewers" not in response.text


def test_experts_do_not_ask_only_focal_points_do(app, db):
    client_as(app, "expert-fra").get(
        f"/review/countries/{UNDER_REVIEW}/request-redraw", status=403
    )


def test_request_then_grant_moves_access_to_the_new_reviewers(app, db, portal):
    review = _review(portal)
    old = {r.state for r in review.reviewers}
    focal = client_as(app, "focal-fra")
    page = _ask(focal).follow()
    assert page.html.find(attrs={"data-request": "1"}) is not None
    secretariat = client_as(app, "secretariat")
    assert (
        UNDER_REVIEW in secretariat.get("/review/draws/1").html.find(id="awaiting").text
    )
    _decide(secretariat, 1, "grant", "Granted at the working group").follow()

    review = _review(portal)
    new = {r.state for r in review.reviewers}
    assert new and not new & old
    assert review.requests[0].status == "granted"
    assert portal["review"]["countries"].awaiting == ()
    counters = focal.get(f"/review/countries/{UNDER_REVIEW}").html.find(
        id="redraw-counters"
    )
    assert "1" in counters.find("li", attrs={"data-state": UNDER_REVIEW}).text
    replaced, newcomer = sorted(old)[0].lower(), sorted(new)[0].lower()
    before = client_as(app, f"expert-{replaced}").get(
        f"/review/countries/{UNDER_REVIEW}"
    )
    assert before.html.find(id="redraw-counters") is None  # no longer a participant
    after = client_as(app, f"expert-{newcomer}").get(
        f"/review/countries/{UNDER_REVIEW}"
    )
    assert after.html.find(id="redraw-counters") is not None
    assert after.html.find(id="redraw-requests") is None  # FRA's note is FRA's
    log = secretariat.get("/review/draws/1/record.json").json
    assert log["redraw_decisions"][0]["requested_by"] == UNDER_REVIEW
    assert log["draw"]["redraws"][0]["reason"] == "language"


def test_request_notes_and_logins_stay_with_the_participants(app, db, portal):
    """SECURITY.md §11: the record and the API do not carry them."""
    marker = "CONFIDENTIAL-MARKER-42"
    _ask(client_as(app, "focal-fra"), note=marker)
    secretariat = client_as(app, "secretariat")
    _decide(secretariat, 1, "grant", f"decision {marker}")
    outsider = _outsider(_review(portal)).lower()
    client = client_as(app, f"expert-{outsider}")
    for path in (
        f"/review/countries/{UNDER_REVIEW}",
        "/review/draws/1",
        "/review/draws/1/record.json",
    ):
        text = client.get(path).text
        assert marker not in text and "focal-fra" not in text, path
    assert (
        marker
        in client_as(app, "focal-fra").get(f"/review/countries/{UNDER_REVIEW}").text
    )


def test_a_review_left_out_of_a_later_draw_takes_no_redraw(app, db, portal):
    from sherloc_review.draws.meeting import prepare, run

    mechanism = portal["review"]
    mechanism["states"][UNDER_REVIEW].participation = {
        code: type(record)("none", "high")
        for code, record in mechanism["states"][UNDER_REVIEW].participation.items()
    }
    run(mechanism, prepare(mechanism, "Without France", "no-fra", "test"), "test")
    commit(portal)
    review = _review(portal)
    assert review.reviewers == () and review.draw == ""
    page = _ask(client_as(app, "focal-fra"), status=400)
    assert "does not follow the current draw" in page.text
    assert _review(portal).requests == ()


def test_decline_keeps_the_reviewers(app, db, portal):
    old = {r.state for r in _review(portal).reviewers}
    _ask(client_as(app, "focal-fra"), reason="exceptional")
    _decide(client_as(app, "secretariat"), 1, "decline", "Not exceptional").follow()
    review = _review(portal)
    assert {r.state for r in review.reviewers} == old
    assert review.requests[0].status == "declined"
    assert review.requests[0].decision_note == "Not exceptional"


def test_one_pending_request_per_party(app, db):
    focal = client_as(app, "focal-fra")
    _ask(focal)
    page = _ask(focal, status=400)
    assert "already awaits" in page.text


def test_a_reviewing_state_may_ask_too(app, db, portal):
    reviewer = _review(portal).reviewers[0].state.lower()
    _ask(client_as(app, f"focal-{reviewer}"), reason="unable")
    assert _review(portal).requests[0].requested_by == reviewer.upper()


def test_the_fifth_counted_request_is_refused(app, db, portal):
    focal, secretariat = client_as(app, "focal-fra"), client_as(app, "secretariat")
    for number in range(1, 5):
        _ask(focal, reason="legal_system")
        _decide(secretariat, number, "grant")
    page = _ask(focal, reason="language", status=400)
    assert "four times" in page.text
    _ask(focal, reason="exceptional")  # not counted (¶28(e))


def test_deciding_needs_the_secretariat_and_csrf(app, db):
    _ask(client_as(app, "focal-fra"))
    focal = client_as(app, "focal-fra")
    token = csrf_token(focal)
    focal.post(
        f"/review/countries/{UNDER_REVIEW}/decide",
        {"csrf_token": token, "number": "1", "decision": "grant"},
        status=403,
    )
    secretariat = client_as(app, "secretariat")
    secretariat.post(
        f"/review/countries/{UNDER_REVIEW}/decide",
        {"number": "1", "decision": "grant"},
        status=400,
    )
    bad = secretariat.post(
        f"/review/countries/{UNDER_REVIEW}/decide",
        {"csrf_token": csrf_token(secretariat), "number": "x", "decision": "grant"},
        status=400,
    )
    assert bad.html.find(id="review-error") is not None


def test_the_overview_and_state_page_link_to_the_review(app, db):
    focal = client_as(app, "focal-fra")
    overview = focal.get("/review")
    link = overview.html.find(id="own-review-link")
    assert link["href"].endswith(f"/review/countries/{UNDER_REVIEW}/")
    assert overview.html.find(id="draws-link") is not None
    state = focal.get("/review/states/DEU")
    assert state.html.find(id="review-link")["href"].endswith("/review/countries/DEU/")


def test_a_replaced_reviewers_pending_request_is_closed(app, db, portal):
    reviewer = _review(portal).reviewers[0].state
    _ask(client_as(app, f"focal-{reviewer.lower()}"), reason="unable")
    _ask(client_as(app, "focal-fra"), reason="exceptional")
    _decide(client_as(app, "secretariat"), 2, "grant").follow()
    review = _review(portal)
    assert reviewer not in review.participants
    assert [r.status for r in review.requests] == ["superseded", "granted"]
    assert portal["review"]["countries"].awaiting == ()


def test_a_new_reviewer_does_not_read_its_predecessors_note(app, db, portal):
    marker = "PREDECESSOR-NOTE-77"
    reviewer = _review(portal).reviewers[0].state
    _ask(client_as(app, f"focal-{reviewer.lower()}"), reason="unable", note=marker)
    secretariat = client_as(app, "secretariat")
    _decide(secretariat, 1, "decline")
    _ask(client_as(app, "focal-fra"), reason="exceptional")
    _decide(secretariat, 2, "grant")
    review = _review(portal)
    for newcomer in {r.state for r in review.reviewers}:
        page = client_as(app, f"expert-{newcomer.lower()}").get(
            f"/review/countries/{UNDER_REVIEW}"
        )
        assert marker not in page.text and f"focal-{reviewer.lower()}" not in page.text
    assert marker in secretariat.get(f"/review/countries/{UNDER_REVIEW}").text


def test_counted_requests_start_again_with_a_new_draw(app, db, portal):
    from sherloc_review.draws.meeting import prepare, run

    focal, secretariat = client_as(app, "focal-fra"), client_as(app, "secretariat")
    for number in range(1, 5):
        _ask(focal, reason="language")
        _decide(secretariat, number, "decline")
    assert "four times" in _ask(focal, reason="language", status=400).text
    commit(portal)  # start from what the requests committed
    mechanism = portal["review"]
    run(mechanism, prepare(mechanism, "Second draw", "second", "test"), "test")
    commit(portal)
    assert _review(portal).counted_requests(UNDER_REVIEW) == 0
    _ask(focal, reason="language")  # a new draw, four new requests (¶28(d))
