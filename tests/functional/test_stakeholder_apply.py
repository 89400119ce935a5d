"""Applying to a constructive dialogue (¶53(d), (e)), and one's own applications.

The demo's dialogue 1 is open (40 days ahead of the day the site was
built: these tests use the real clock); dialogue 2 is closed and holds
``ngo-demo``'s application ``registration-1``, circulated.  Tests of the
cut-off build a dialogue of their own in a far time zone and move the
``clock``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sherloc_portal.accounts.testing import add_user, link_path
from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.stakeholders.acts import bureau_decides, create
from sherloc_review.stakeholders.resources import REFERRED, Objection

OPEN = "/review/dialogues/1"
DEMO_APPLICATION = "/review/dialogues/2/registration-1"
MINE = "/review/dialogues/@@mine"
PASSWORD = "confirmed-applicant-password"


def _fields(**changes) -> dict:
    fields = {
        "kind": "ngo",
        "name": "Friends of Justice",
        "country": "FRA",
        "website": "https://friends.example.org",
        "contact_name": "Ana Lima",
        "contact_email": "ana@friends.example.org",
        "representatives": "Ana Lima\nBo Chen",
        "comments": "We support the review process.",
        "assistance": "",
        "fax": "",
    }
    fields.update(changes)
    return fields


def _token(client, path: str) -> str:
    return client.get(f"{path}/apply").forms["apply-form"]["csrf_token"].value


def _apply(client, path=OPEN, status=303, files=(), token=None, **changes):
    """Apply through the form's fields, as a browser sends them."""
    fields = {**_fields(**changes), "csrf_token": token or _token(client, path)}
    return client.post(
        f"{path}/apply",
        fields,
        upload_files=[("files", name, data) for name, data in files],
        status=status,
    )


def _users(portal):
    commit(portal)  # nothing to commit: the next transaction sees the requests'
    return portal["users"]


def _dialogue(portal, zone: str, local_start: datetime) -> str:
    folder = portal["review"]["dialogues"]
    dialogue = create(
        folder,
        "tip",
        local_start,
        zone,
        "Conference centre",
        "",
        "Dialogue for the tests",
        "secretariat",
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    commit(portal)
    return f"/review/dialogues/{dialogue.number}"


@pytest.fixture
def other_ngo(app, portal):
    return add_user(app, portal, "other-ngo", roles=("ngo",))


# -- applying ------------------------------------------------------------------


def test_a_visitor_applies_confirms_by_mail_and_finds_the_application(
    app, portal, testapp, outbox
):
    form = testapp.get(f"{OPEN}/apply")
    assert "An account is created for the contact" in form.text
    assert "(Europe/Vienna time)" in form.html.find(id="cutoff").text
    response = _apply(testapp)
    assert response.location.endswith(f"{OPEN}/applied")
    page = response.follow()
    assert "We sent a mail" in page.text
    assert "counts only once the address is confirmed" in page.text

    account = _users(portal).find_by_email("ana@friends.example.org")
    assert account is not None and not account.active
    assert account.roles == ("ngo",)
    [mail] = outbox()
    assert mail["To"] == "ana@friends.example.org"
    path = link_path(mail)
    assert path.startswith("/invitation/")
    assert "We support" not in mail.get_payload(decode=True).decode()

    confirmed = client_as(app)
    form = confirmed.get(path).forms["invitation-form"]
    form["new_password"] = form["confirm_password"] = PASSWORD
    form.submit("accept", status=303)
    mine = confirmed.get(MINE)
    [row] = mine.html.select("#applications tbody tr")
    assert row["data-dialogue"] == "1"
    assert row["data-status"] == "pending"
    assert "Friends of Justice" in row.text
    own = confirmed.get(row.select("a")[1]["href"])
    assert "We support the review process." in own.text


def test_a_logged_in_applicant_applies_under_its_login(app, portal, outbox):
    client = client_as(app, "ngo-demo")
    before = len(_users(portal))
    form = client.get(f"{OPEN}/apply").forms["apply-form"]
    assert form["contact_email"].value == "ngo-demo@example.org"
    response = _apply(client, contact_email="office@demo-ngo.example.org")
    assert "/review/dialogues/1/registration-" in response.location
    page = response.follow()
    assert "Your application is received" in page.text
    assert "Friends of Justice" in page.text
    assert len(_users(portal)) == before
    assert outbox() == []
    [registration] = portal["review"]["dialogues"]["1"].registrations.values()
    assert registration.login == "ngo-demo"

    again = _apply(client, status=400, token=csrf_token(client))
    assert "You have applied to this dialogue already." in again.text
    assert len(portal["review"]["dialogues"]["1"].registrations) == 1
    assert client.get(f"{OPEN}/apply").html.find(id="already-applied")


def test_a_visitor_whose_address_has_an_account_is_told_to_log_in(testapp, outbox):
    response = _apply(testapp, status=400, contact_email="ngo-demo@example.org")
    error = response.html.find(id="error-apply-contact_email")
    assert "log in first" in error.text
    assert outbox() == []


@pytest.mark.parametrize("who", ["focal-fra", "secretariat", "admin"])
def test_officials_and_the_secretariat_do_not_apply_for_an_organisation(
    app, portal, who
):
    client = client_as(app, who)
    page = client.get(f"{OPEN}/apply")
    assert "Log out to apply for an organization" in page.text
    assert "apply-form" not in page.forms
    token = csrf_token(client)
    refused = _apply(client, status=403, token=token)
    assert "Log out to apply" in refused.text
    commit(portal)
    assert len(portal["review"]["dialogues"]["1"].registrations) == 0


@pytest.mark.parametrize(
    ("zone", "local_start", "cutoff_utc", "cutoff_local"),
    [
        # NZDT (UTC+13): the local day D-14 begins on the 14th in UTC.
        (
            "Pacific/Auckland",
            datetime(2027, 3, 1, 10, 0),
            datetime(2027, 2, 14, 11, 0, tzinfo=UTC),
            "2027-02-15 00:00",
        ),
        # The dialogue is in PDT, the cut-off still in PST (UTC-8).
        (
            "America/Los_Angeles",
            datetime(2027, 3, 20, 9, 0),
            datetime(2027, 3, 6, 8, 0, tzinfo=UTC),
            "2027-03-06 00:00",
        ),
    ],
)
def test_the_cutoff_is_computed_in_the_dialogues_time_zone(
    app, portal, clock, zone, local_start, cutoff_utc, cutoff_local
):
    path = _dialogue(portal, zone, local_start)
    clock.set(cutoff_utc - timedelta(minutes=1))
    early = client_as(app, "ngo-demo")
    shown = early.get(f"{path}/apply").html.find(id="cutoff").text
    assert cutoff_local in shown and zone in shown
    late = client_as(app)
    late_token = _token(late, path)
    _apply(early, path)

    clock.set(cutoff_utc)
    closed = late.get(f"{path}/apply")
    assert "apply-form" not in closed.forms
    notice = closed.html.find(id="apply-notice").text
    assert f"Applications closed on {cutoff_local} ({zone} time)" in notice
    refused = _apply(late, path, status=409, token=late_token)
    assert f"Applications closed on {cutoff_local}" in refused.text
    commit(portal)
    number = int(path.rsplit("/", 1)[1])
    assert len(portal["review"]["dialogues"][str(number)].registrations) == 1
    assert portal["users"].find_by_email("ana@friends.example.org") is None


def test_the_closed_demo_dialogue_refuses_applications(testapp):
    page = testapp.get("/review/dialogues/2/apply")
    assert "Applications closed on" in page.html.find(id="apply-notice").text
    _apply(testapp, "/review/dialogues/2", status=409, token=csrf_token(testapp))


# -- abuse controls --------------------------------------------------------------


def test_applications_from_one_address_are_rate_limited(app, portal, testapp):
    for n in range(5):
        _apply(testapp, contact_email=f"person{n}@example.net")
    token = _token(testapp, OPEN)
    response = _apply(
        testapp, status=429, token=token, contact_email="person5@example.net"
    )
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many applications came from your network" in response.text
    assert _users(portal).find_by_email("person5@example.net") is None
    other = client_as(app)
    other.extra_environ["REMOTE_ADDR"] = "192.0.2.7"
    _apply(other, contact_email="person6@example.net")


def test_a_filled_honeypot_is_refused_quietly(portal, testapp, outbox):
    response = _apply(testapp, status=400, fax="https://spam.example")
    assert "could not be taken" in response.text
    assert _users(portal).find_by_email("ana@friends.example.org") is None
    assert outbox() == []


def test_more_than_five_files_are_refused_before_anything_is_made(
    portal, testapp, outbox
):
    files = [(f"note{n}.txt", b"plain text") for n in range(6)]
    response = _apply(testapp, status=400, files=files)
    assert "At most 5 files." in response.html.find(id="error-apply-files").text
    assert _users(portal).find_by_email("ana@friends.example.org") is None
    assert outbox() == []


def test_texts_over_the_limit_are_refused(testapp):
    response = _apply(testapp, status=400, comments="x" * 20_001)
    assert "At most 20000 characters" in response.html.find(
        id="error-apply-comments"
    ).text.replace(",", "")


def test_a_file_of_a_refused_kind_is_refused(testapp):
    response = _apply(testapp, status=400, files=[("tool.exe", b"MZ\x90\x00\x03")])
    assert "tool.exe was refused" in response.html.find(id="error-apply-files").text


def test_html_in_comments_is_shown_as_text(app, db):
    client = client_as(app, "ngo-demo")
    page = _apply(
        client,
        name="<b>Bold NGO</b>",
        comments="<script>alert('x')</script>\n<img src=x onerror=alert(1)>",
    ).follow()
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    assert "<b>Bold NGO</b>" not in page.text
    comments = page.html.find(id="comments")
    assert "<script>alert('x')</script>" in comments.text
    assert not comments.find("script") and not comments.find("img")


def test_the_applicant_downloads_its_own_files(app, other_ngo):
    client = client_as(app, "ngo-demo")
    page = _apply(client, files=[("annex.txt", b"OUR-ANNEX")]).follow()
    link = page.html.select("#files a")[0]["href"]
    download = client.get(link)
    assert download.body == b"OUR-ANNEX"
    assert download.headers["Content-Disposition"].startswith("attachment")
    client_as(app, "other-ngo").get(link, status=403)
    assert "/login" in client_as(app).get(link, status=303).location


# -- one's own applications ------------------------------------------------------


def test_the_registrant_sees_its_applications(app, db):
    client = client_as(app, "ngo-demo")
    [row] = client.get(MINE).html.select("#applications tbody tr")
    assert row["data-status"] == "circulated"
    assert "On the circulated list" in row.text
    page = client.get(DEMO_APPLICATION)
    assert "Demo NGO for migrants" in page.text
    assert "withdraw-form" in page.forms
    # The same view answers without the @@ marker: dialogues are numbers.
    assert client.get("/review/dialogues/mine").html.find(id="applications")


def test_anonymous_visitors_are_sent_to_log_in(testapp):
    for path in (MINE, DEMO_APPLICATION, "/review/dialogues/2/registration-9"):
        assert "/login" in testapp.get(path, status=303).location
    token = csrf_token(testapp)
    response = testapp.post(
        f"{DEMO_APPLICATION}/withdraw", {"csrf_token": token}, status=303
    )
    assert "/login" in response.location
    testapp.get("/review/dialogues/2/no-such-page", status=404)


@pytest.mark.parametrize("who", ["other-ngo", "focal-fra", "expert-aut"])
def test_someone_elses_application_is_forbidden(app, portal, other_ngo, who):
    client = client_as(app, who)
    client.get(DEMO_APPLICATION, status=403)
    # One that does not exist looks the same: numbers tell nothing.
    client.get("/review/dialogues/2/registration-9", status=403)
    token = csrf_token(client)
    client.post(f"{DEMO_APPLICATION}/withdraw", {"csrf_token": token}, status=403)
    commit(portal)
    assert portal["review"]["dialogues"]["2"].registrations[1].status == "circulated"
    if who == "other-ngo":
        assert client.get(MINE).html.find(id="no-applications")


def test_the_outcome_of_objections_never_names_the_state(app, portal):
    registration = portal["review"]["dialogues"]["2"].registrations[1]
    registration.objections = (
        Objection("FRA", "focal-fra", "OBJECTION-REASON-MARKER", 1.0),
    )
    registration.status = REFERRED
    commit(portal)
    client = client_as(app, "ngo-demo")
    for path in (MINE, DEMO_APPLICATION):
        text = client.get(path).text
        assert "referred to the Bureau" in text
        assert "A State party objected" in text
        for secret in ("France", "FRA", "focal-fra", "OBJECTION-REASON-MARKER"):
            assert secret not in text
    bureau_decides(
        registration, False, "NOTE-MARKER about France", "bureau-x", datetime.now(UTC)
    )
    commit(portal)
    for path in (MINE, DEMO_APPLICATION):
        text = client.get(path).text
        assert "the Bureau of the Conference decided against" in text
        assert "NOTE-MARKER" not in text and "France" not in text


def test_withdrawing_an_application(app, portal, clock):
    path = _dialogue(portal, "Pacific/Auckland", datetime(2027, 3, 1, 10, 0))
    clock.set(datetime(2027, 2, 1, tzinfo=UTC))
    client = client_as(app, "ngo-demo")
    own = _apply(client, path).location
    form = client.get(own).forms["withdraw-form"]
    page = form.submit(status=303).follow()
    assert "Your application is withdrawn." in page.text
    assert page.html.find(id="application")["data-status"] == "withdrawn"
    assert "withdraw-form" not in page.forms
    [row] = [
        r
        for r in client.get(MINE).html.select("#applications tbody tr")
        if path.endswith("/" + r["data-dialogue"])
    ]
    assert "Withdrawn" in row.text
    # Withdrawn, one may apply again while applications are open.
    again = _apply(client, path).location.rstrip("/")
    assert again != own

    clock.set(datetime(2027, 3, 1, 10, 0, tzinfo=UTC))  # after the start
    token = csrf_token(client)
    refused = client.post(f"{again}/withdraw", {"csrf_token": token}, status=409)
    assert "The dialogue has taken place." in refused.text
    commit(portal)
    number = int(again.rsplit("-", 1)[1])
    dialogue = portal["review"]["dialogues"][path.rsplit("/", 1)[1]]
    assert dialogue.registrations[number].status == "pending"


# -- safe requests and CSRF ------------------------------------------------------


def test_pages_never_write(app, db, other_ngo):
    applicant = client_as(app, "ngo-demo")
    official = client_as(app, "focal-fra")
    anonymous = client_as(app)
    before = db.lastTransaction()
    for client in (applicant, official, anonymous):
        for path in (f"{OPEN}/apply", "/review/dialogues/2/apply", f"{OPEN}/applied"):
            client.get(path)
    applicant.get(MINE)
    applicant.get(DEMO_APPLICATION)
    applicant.head(DEMO_APPLICATION)
    assert db.lastTransaction() == before


def test_unsafe_requests_need_the_csrf_token(app, portal, testapp, outbox):
    fields = _fields()
    testapp.post(f"{OPEN}/apply", fields, status=400)
    testapp.post(f"{OPEN}/apply", {**fields, "csrf_token": "forged"}, status=400)
    assert _users(portal).find_by_email("ana@friends.example.org") is None
    client = client_as(app, "ngo-demo")
    client.post(f"{DEMO_APPLICATION}/withdraw", {}, status=400)
    commit(portal)
    assert portal["review"]["dialogues"]["2"].registrations[1].status == "circulated"
    assert outbox() == []


def test_an_address_applied_with_and_never_confirmed_is_not_taken_for_good(
    app, db, portal, outbox
):
    """Someone applying first with an NGO's address must not lock it out:
    an application with the address mails it a fresh link, and once
    confirmed its owner sees (and may withdraw) every application made."""
    address = "owner@ngo.example"
    _apply(client_as(app), contact_email=address)
    first = _users(portal).find_by_email(address)
    assert first is not None and not first.active
    _apply(
        client_as(app, None),
        path="/review/dialogues/1",
        contact_email=address,
        name="The real owner",
    )
    again = _users(portal).find_by_email(address)
    assert again.login == first.login
    assert [m["To"] for m in outbox()].count(address) == 2  # a fresh link each time
