"""The secure area of the constructive dialogues (¶53): the list circulated
to the States parties, objections, the Bureau, the chair's review of
comments naming a country, and the inputs on technical assistance.

In the demo, dialogue 1 (trafficking, 40 days ahead) takes applications;
dialogue 2 (smuggling, 12 days ahead) closed them and circulated its list,
on which ``ngo-demo``'s application is ``registration-1``.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from sherloc_portal.api.testing import add_account
from sherloc_portal.testing import client_as, commit
from sherloc_review.responses import attachments
from sherloc_review.stakeholders import acts
from sherloc_review.stakeholders.resources import (
    APPROVED,
    CIRCULATED,
    REFERRED,
    REJECTED,
)

D1 = "/review/dialogues/1"
D2 = "/review/dialogues/2"
NGO_APP = f"{D2}/registration-1"


@pytest.fixture
def folder(portal):
    return portal["review"]["dialogues"]


@pytest.fixture
def som(folder):
    """Dialogue 2, whose list is circulated."""
    return folder["2"]


def _users(portal):
    return portal["users"]


def _sync(portal):
    """Let the test's connection see what the requests committed."""
    commit(portal)


def _apply(
    app, portal, dialogue, login, kind="ngo", comments="", assistance="", files=()
):
    """An application by a new, confirmed account, made before the cut-off."""
    add_account(portal, app.registry, login, roles=("ngo",))
    states = portal["review"]["states"]
    organisation = acts.organisation(
        f"Organisation {login}",
        "AUT",
        "https://org.example",
        "Contact person",
        f"{login}@example.org",
        states,
    )
    registration = acts.register(
        dialogue,
        kind,
        organisation,
        ("A representative",),
        comments,
        assistance,
        files,
        login,
        states,
        dialogue.cutoff - timedelta(days=2),
    )
    commit(portal)
    return registration


def _post(client, url, status=303, **fields):
    """POST ``fields`` to the form on ``url`` (read first: its CSRF token)."""
    page = client.get(url)
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    return client.post(url, {"csrf_token": token, **fields}, status=status)


# -- who reads the list -------------------------------------------------------


def test_before_circulation_the_states_parties_are_refused(app, db):
    client_as(app, "focal-fra").get(f"{D1}/applicants", status=403)
    anonymous = client_as(app).get(f"{D1}/applicants", status=303)
    assert "/login" in anonymous.location
    for who in ("secretariat", "chair-demo", "bureau-demo"):
        client_as(app, who).get(f"{D1}/applicants", status=200)


@pytest.mark.parametrize(
    "path",
    [
        f"{D1}/applicants",
        f"{D2}/applicants",
        f"{D2}/flags",
        f"{D2}/assistance",
        f"{D2}/assistance.csv",
        f"{NGO_APP}/object",
        f"{NGO_APP}/bureau",
        f"{NGO_APP}/mentions",
    ],
)
def test_an_ngo_never_enters_the_secure_area(app, db, path):
    client_as(app, "ngo-demo").get(path, status=403)
    assert "/login" in client_as(app).get(path, status=303).location


def test_the_circulated_list_for_a_state_party(app, db):
    page = client_as(app, "focal-fra").get(f"{D2}/applicants", status=200)
    article = page.html.find("article", id="registration-1")
    assert "Demo NGO for migrants' rights" in article.text
    assert "Demo representative" in article.text
    assert "Our written comments on the review process" in article.text
    assert "https://example.org" in article.text
    # Contact and login are for the Secretariat only.
    assert "ngo-demo@example.org" not in page.text
    assert article.find(class_="login") is None
    assert article.find(class_="object-link") is not None
    secretariat = client_as(app, "secretariat").get(f"{D2}/applicants")
    assert "ngo-demo@example.org" in secretariat.text
    assert secretariat.html.find("article", id="registration-1").find(class_="login")
    # A signatory's or no one's officials are no State party (¶53(d)).
    client_as(app, "admin").get(f"{D2}/applicants", status=403)


def test_applicants_files_are_for_the_readers_of_the_list(app, db, portal, folder):
    attachment = attachments.make(
        app.registry, "notes.txt", b"our notes\n", "ngo-files", False
    )
    registration = _apply(app, portal, folder["1"], "ngo-files", files=(attachment,))
    url = f"{D1}/{registration.__name__}/applicant-file/{attachment.id}"
    client_as(app, "focal-fra").get(url, status=403)  # not yet circulated
    response = client_as(app, "chair-demo").get(url, status=200)
    assert response.body == b"our notes\n"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    client_as(app, "secretariat").get(
        f"{D1}/{registration.__name__}/applicant-file/x", status=404
    )
    client_as(app, "ngo-demo").get(url, status=403)
    assert "/login" in client_as(app).get(url, status=303).location
    listing = client_as(app, "secretariat").get(f"{D1}/applicants")
    assert url in listing.text


# -- objections ---------------------------------------------------------------


def test_a_focal_point_objects_once_before_objections_close(
    app, db, portal, som, clock
):
    clock.set(som.objections_close - timedelta(days=1))
    focal = client_as(app, "focal-fra")
    form = focal.get(f"{NGO_APP}/object")
    assert form.html.find("form", id="object-form") is not None
    expert = client_as(app, "expert-fra")
    refused = _post(expert, f"{NGO_APP}/object", status=400, reason="No.")
    assert "focal point" in refused.html.find(id="error-object").text
    _post(focal, f"{NGO_APP}/object", reason="Not an NGO in our records.")
    again = _post(focal, f"{NGO_APP}/object", status=400, reason="Again.")
    assert "already" in again.html.find(id="error-object").text
    _sync(portal)
    [objection] = som["registration-1"].objections
    assert (objection.state, objection.by) == ("FRA", "focal-fra")
    # Italy reads that there is one objection, not France's.
    italy = client_as(app, "focal-ita").get(f"{D2}/applicants")
    article = italy.html.find("article", id="registration-1")
    assert article.find(class_="objection-count")["data-count"] == "1"
    assert "Not an NGO in our records" not in italy.text
    france = client_as(app, "focal-fra").get(f"{D2}/applicants")
    assert "Not an NGO in our records" in france.text
    for who in ("secretariat", "chair-demo", "bureau-demo"):
        page = client_as(app, who).get(f"{D2}/applicants")
        assert "Not an NGO in our records" in page.text


def test_objections_are_refused_once_closed_with_the_date_in_the_zone(
    app, db, som, clock
):
    clock.set(som.objections_close)
    focal = client_as(app, "focal-deu")
    page = focal.get(f"{NGO_APP}/object")
    assert page.html.find("form", id="object-form") is None
    local = som.objections_close.astimezone(som.local_start.tzinfo)
    hint = page.html.find(id="object-hint").text
    assert f"{local:%Y-%m-%d %H:%M} (Europe/Vienna time)" in hint
    refused = _post_with_token(focal, f"{NGO_APP}/object", page, reason="Late.")
    assert refused.status_code == 400
    shown = refused.html.find(id="objections-close").text
    assert local.strftime("%Y-%m-%d %H:%M") in shown
    assert "Europe/Vienna" in shown
    assert "closed" in refused.html.find(id="error-object").text


def _post_with_token(client, url, page, **fields):
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    return client.post(url, {"csrf_token": token, **fields}, expect_errors=True)


def test_the_object_page_is_for_state_party_officials(app, db):
    for who in ("secretariat", "chair-demo", "bureau-demo", "ngo-demo"):
        client_as(app, who).get(f"{NGO_APP}/object", status=403)


# -- settlement and the Bureau (¶53(d), (e)) ----------------------------------


def _object(portal, registration, login, now):
    user = _users(portal)[login]
    acts.object_to(registration, user, "We object.", now)


def test_an_ngo_objected_to_goes_to_the_bureau_which_rejects(
    app, db, portal, som, clock, outbox
):
    registration = som["registration-1"]
    _object(portal, registration, "focal-fra", som.objections_close - timedelta(1))
    acts.settle(som, som.objections_close)
    commit(portal)
    assert registration.status == REFERRED
    clock.set(som.objections_close)  # the Bureau decides before the day
    url = f"{NGO_APP}/bureau"
    for who in ("secretariat", "chair-demo", "focal-fra"):
        client_as(app, who).get(url, status=403)
    bureau = client_as(app, "bureau-demo")
    page = bureau.get(url)
    assert "We object." in page.text
    missing = _post(bureau, url, status=400, decision="reject")
    assert missing.html.find(id="error-note")
    _post(bureau, url, decision="reject", note="BUREAU-NOTE-MARKER")
    _sync(portal)
    assert registration.status == REJECTED
    assert registration.bureau.by == "bureau-demo"
    [mail] = outbox()
    assert mail["To"] == "ngo-demo@example.org"
    body = mail.get_payload(decode=True).decode()
    assert "not approved" in body
    assert "/review/dialogues/2/registration-1" in body
    assert "BUREAU-NOTE-MARKER" not in body and "FRA" not in body
    # Decided: no longer before the Bureau.
    bureau.get(url, status=403)
    listing = client_as(app, "focal-fra").get(f"{D2}/applicants")
    assert "BUREAU-NOTE-MARKER" not in listing.text


def test_other_stakeholders_settle_without_the_bureau(app, db, portal, folder):
    dialogue = folder["1"]
    objected = _apply(app, portal, dialogue, "firm-one", kind="private_sector")
    clear = _apply(app, portal, dialogue, "firm-two", kind="private_sector")
    acts.circulate(dialogue, _users(portal), dialogue.cutoff)
    assert objected.status == clear.status == CIRCULATED
    _object(portal, objected, "focal-fra", dialogue.cutoff)
    acts.settle(dialogue, dialogue.objections_close)
    commit(portal)
    assert objected.status == REJECTED
    assert clear.status == APPROVED
    client_as(app, "bureau-demo").get(f"{D1}/{objected.__name__}/bureau", status=403)


# -- the chair's review of countries named (¶53(b)) ---------------------------


def test_the_chair_reviews_comments_naming_a_country(app, db, portal, folder):
    dialogue = folder["1"]
    flagged = _apply(
        app,
        portal,
        dialogue,
        "ngo-italy",
        comments="Nous voulons parler de la situation en Italie.\nMerci.",
    )
    assert flagged.mentions == ("ITA",)
    path = f"{D1}/{flagged.__name__}"
    chair = client_as(app, "chair-demo")
    flags = chair.get(f"{D1}/flags")
    assert flags.html.find("article", id=flagged.__name__) is not None
    for who in ("secretariat", "bureau-demo", "focal-fra"):
        client_as(app, who).get(f"{D1}/flags", status=403)
        client_as(app, who).get(f"{path}/mentions", status=403)
    page = chair.get(f"{path}/mentions")
    [mark] = page.html.find_all("mark")
    assert (mark.text, mark["data-country"]) == ("Italie", "ITA")
    flagged.status = APPROVED  # as if settled
    commit(portal)
    assert not flagged.comments_public
    _post(chair, f"{path}/mentions", decision="publish", note="Italy's own NGO.")
    _sync(portal)
    assert flagged.mention_review.approve and flagged.mention_review.by == "chair-demo"
    assert flagged.comments_public
    after = chair.get(f"{D1}/flags")
    assert after.html.find("article", id=flagged.__name__) is None
    # The Secretariat reads the countries named; a State party does not.
    secretariat = client_as(app, "secretariat").get(f"{D1}/applicants")
    assert "Italy" in secretariat.html.find("article", id=flagged.__name__).text


def test_comments_naming_no_country_are_not_for_review(app, db):
    chair = client_as(app, "chair-demo")
    page = _post(chair, f"{NGO_APP}/mentions", status=400, decision="withhold")
    assert "name no country" in page.html.find(id="error-mentions").text


# -- inputs on technical assistance (¶53(i), (j)) -----------------------------


def test_the_assistance_csv_escapes_formulas(app, db, portal, folder):
    dialogue = folder["1"]
    _apply(
        app,
        portal,
        dialogue,
        "ngo-ta",
        assistance='=HYPERLINK("http://evil.example","x")',
    )
    secretariat = client_as(app, "secretariat")
    page = secretariat.get(f"{D1}/assistance")
    assert "HYPERLINK" in page.html.find(id="assistance-inputs").text
    response = secretariat.get(f"{D1}/assistance.csv")
    assert response.body.startswith(b"\xef\xbb\xbf")
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0][0] == "number"
    assert rows[1][-1] == '\'=HYPERLINK("http://evil.example","x")'
    client_as(app, "chair-demo").get(f"{D1}/assistance.csv", status=200)
    for who in ("bureau-demo", "focal-fra"):
        client_as(app, who).get(f"{D1}/assistance", status=403)
        client_as(app, who).get(f"{D1}/assistance.csv", status=403)


# -- safe requests ------------------------------------------------------------


def test_the_pages_write_nothing_when_read(app, db, portal, som):
    acts.settle(som, som.objections_close)  # unobjected: approved
    commit(portal)
    before = db.lastTransaction()
    reads = {
        "secretariat": [f"{D1}/applicants", f"{D2}/applicants", f"{D2}/assistance"],
        "chair-demo": [f"{D2}/flags", f"{D2}/assistance.csv"],
        "bureau-demo": [f"{D2}/applicants"],
        "focal-fra": [f"{D2}/applicants", f"{NGO_APP}/object"],
    }
    for who, paths in reads.items():
        client = client_as(app, who)
        for path in paths:
            client.get(path, status=200)
    # Logging in writes (sessions, throttle); the dialogues are untouched.
    _sync(portal)
    assert som["registration-1"].status == APPROVED
    assert som["registration-1"]._p_serial <= before
