"""The public pages of the constructive dialogues (¶53) and the pages of
the Secretariat (planning, programme and background papers, ¶53(g)) and of
the chair (not convened, ¶53(f); the summary, ¶53(h)).

In the demo, dialogue 1 (trafficking, 40 days after the day the site was
built, 15:00 Vienna time) takes applications; dialogue 2 (smuggling, 12
days after) closed them and circulated its list, with ``ngo-demo``'s
application ``registration-1``.  Tests of dates move the ``clock``
relative to the dialogue's own dates.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sherloc_portal.api.testing import add_account
from sherloc_portal.testing import client_as, commit
from sherloc_review.responses import attachments
from sherloc_review.stakeholders import acts
from sherloc_review.stakeholders.resources import (
    APPROVED,
    NOT_CONVENED,
    Document,
)
from sherloc_review.stakeholders.rules import local_text

INDEX = "/review/dialogues"
D1 = "/review/dialogues/1"
D2 = "/review/dialogues/2"
ZONE = "Europe/Vienna"
PDF = b"%PDF-1.4\n% programme of the dialogue\n"


@pytest.fixture
def folder(portal):
    return portal["review"]["dialogues"]


@pytest.fixture
def chair(app, portal):
    add_account(portal, app.registry, "chair-tests", roles=("chair",))
    return client_as(app, "chair-tests")


def _post(client, url, status=303, upload_files=None, **fields):
    """POST ``fields`` to the form on ``url`` with the page's CSRF token."""
    page = client.get(url)
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    return client.post(
        url, {"csrf_token": token, **fields}, upload_files=upload_files, status=status
    )


def _utc(dialogue) -> str:
    return dialogue.starts_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


# -- the public list and page -------------------------------------------------


def test_anyone_reads_the_dialogues_with_times_in_their_zone(app, db, folder):
    page = client_as(app).get(INDEX, status=200)
    nav = page.html.find("nav", class_="main-nav")
    assert nav.find("a", href=lambda h: h and h.endswith(INDEX)) is not None
    assert "(¶53(c))" in page.html.find(id="open-to").text
    for number, state in (("1", "open"), ("2", "closed")):
        dialogue = folder[number]
        row = page.html.find("tr", id=f"dialogue-{number}")
        assert row.find_parent("section")["id"] == "upcoming"
        assert f"{local_text(dialogue.starts_at, ZONE)} ({ZONE} time)" in row.text
        assert local_text(dialogue.starts_at, ZONE).endswith("15:00")
        assert _utc(dialogue) in row.find(class_="utc-time").text
        cutoff = row.find(class_="cutoff")
        assert cutoff["data-open"] == state
        assert local_text(dialogue.cutoff, ZONE) in cutoff.text
        assert "Vienna International Centre" in row.text
    assert "Working Group on the Smuggling of Migrants" in page.text
    assert page.html.find(id="create-link") is None


def test_the_open_dialogue_page_says_until_when_and_links_to_apply(app, db, folder):
    dialogue = folder["1"]
    page = client_as(app).get(D1, status=200)
    cutoff = page.html.find(id="cutoff")
    assert cutoff["data-open"] == "open"
    assert (
        f"Applications close on {local_text(dialogue.cutoff, ZONE)} ({ZONE} time), "
        "15 days before the dialogue (¶53(d), (e))." in cutoff.text
    )
    assert page.html.find(id="apply-link")["href"].endswith(f"{D1}/apply")
    assert _utc(dialogue) in page.html.find(id="starts").text
    assert page.html.find(id="manage") is None
    assert "(¶53(c))" in page.html.find(id="open-to").text


def test_a_closed_dialogue_shows_only_approved_public_comments(app, db, portal, folder):
    dialogue = folder["2"]
    page = client_as(app).get(D2, status=200)
    assert page.html.find(id="cutoff")["data-open"] == "closed"
    assert "Applications closed on" in page.html.find(id="cutoff").text
    assert page.html.find(id="apply-link") is None
    assert page.html.find(id="comments") is None  # circulated, not yet approved
    acts.settle(dialogue, dialogue.objections_close)
    registration = dialogue["registration-1"]
    registration.comments = "<script>alert(1)</script>\nSecond paragraph."
    commit(portal)
    assert registration.status == APPROVED
    page = client_as(app).get(D2, status=200)
    article = page.html.find("article", id="comments-1")
    assert "Demo NGO for migrants' rights" in article.text
    assert "Austria" in article.text
    assert "<script>alert(1)</script>" in article.text  # shown as text
    assert page.html.find("script", string="alert(1)") is None
    for private in ("ngo-demo", "Demo representative", "example.org"):
        assert private not in page.text


@pytest.mark.parametrize("how", ["header", "cookie"])
def test_the_pages_read_right_to_left_in_arabic(app, db, folder, how):
    client = client_as(app)
    headers = {}
    if how == "cookie":
        client.set_cookie("sherloc_lang", "ar")
    else:
        headers = {"Accept-Language": "ar"}
    for path in (INDEX, D1):
        page = client.get(path, headers=headers, status=200)
        html = page.html.find("html")
        assert (html["lang"], html["dir"]) == ("ar", "rtl")
        assert local_text(folder["1"].cutoff, ZONE) in page.text


# -- planning a dialogue (the Secretariat) ------------------------------------


def test_the_secretariat_plans_a_dialogue_in_its_zone(app, db, portal, clock):
    clock.set(datetime(2027, 1, 15, 12, tzinfo=UTC))
    secretariat = client_as(app, "secretariat")
    assert client_as(app, "secretariat").get(INDEX).html.find(id="create-link")
    fields = {
        "working_group": "firearms",
        "starts_at": "2027-03-01",
        "time": "10:00",
        "timezone": "Mars/Olympus",
        "place": "",
        "link": "https://meet.example.org/dialogue",
        "title": "Firearms dialogue",
    }
    bad = _post(secretariat, f"{INDEX}/create", status=400, **fields)
    assert "Europe/Vienna" in bad.html.find(id="error-create-timezone").text
    assert bad.html.find(id="create-title")["value"] == "Firearms dialogue"
    past = {**fields, "timezone": "America/New_York", "starts_at": "2027-01-10"}
    refused = _post(secretariat, f"{INDEX}/create", status=400, **past)
    assert "future" in refused.html.find(id="error-create-starts_at").text
    garbled = {**fields, "timezone": "America/New_York", "time": "25:99"}
    refused = _post(secretariat, f"{INDEX}/create", status=400, **garbled)
    assert refused.html.find(id="error-create-time") is not None
    good = {**fields, "timezone": "America/New_York"}
    done = _post(secretariat, f"{INDEX}/create", **good)
    commit(portal)
    [created] = [
        d
        for d in portal["review"]["dialogues"].values()
        if d.working_group == "firearms"
    ]
    assert done.location.endswith(f"{INDEX}/{created.number}/")
    assert created.starts_at == datetime(2027, 3, 1, 15, tzinfo=UTC)
    assert created.created_by == "secretariat"
    page = client_as(app).get(done.location).html
    assert "2027-03-01 10:00 (America/New_York time)" in page.find(id="starts").text
    assert "2027-03-01 15:00 UTC" in page.find(id="starts").text
    cutoff = page.find(id="cutoff").text  # the start of D-14, local time
    assert "2027-02-15 00:00 (America/New_York time)" in cutoff


@pytest.mark.parametrize("who", ["ngo-demo", "focal-fra", "chair-demo"])
def test_only_the_secretariat_plans_and_publishes(app, db, who):
    client = client_as(app, who)
    for path in (f"{INDEX}/create", f"{D1}/documents"):
        client.get(path, status=403)
    token = client.get(D1).html.find("input", {"name": "csrf_token"})["value"]
    client.post(f"{INDEX}/create", {"csrf_token": token}, status=403)
    client.post(f"{D1}/documents", {"csrf_token": token}, status=403)


def test_anonymous_is_sent_to_log_in_for_the_management_pages(app, db):
    anonymous = client_as(app)
    for path in (
        f"{INDEX}/create",
        f"{D1}/documents",
        f"{D2}/not-convene",
        f"{D2}/summary",
    ):
        assert "/login" in anonymous.get(path, status=303).location


# -- programme and background papers (¶53(g)) ---------------------------------


def test_a_published_paper_downloads_publicly_but_no_applicant_file(
    app, db, portal, folder
):
    secretariat = client_as(app, "secretariat")
    missing = _post(
        secretariat,
        f"{D1}/documents",
        status=400,
        kind="programme",
        title="Programme",
        language="fr",
    )
    assert missing.html.find(id="error-document-file") is not None
    junk = _post(
        secretariat,
        f"{D1}/documents",
        status=400,
        upload_files=[("file", "tool.exe", b"MZ\x90\x00\x03\x00\x00\x00")],
        kind="programme",
        title="Programme",
        language="fr",
    )
    assert "not accepted" in junk.html.find(id="error-document-file").text
    _post(
        secretariat,
        f"{D1}/documents",
        upload_files=[("file", "programme.pdf", PDF)],
        kind="programme",
        title="Programme provisoire",
        language="fr",
    )
    commit(portal)
    [document] = folder["1"].documents
    assert (document.kind, document.language, document.by) == (
        "programme",
        "fr",
        "secretariat",
    )
    page = client_as(app).get(D1)
    row = page.html.find(id="documents").find("tr", class_="document")
    assert "Programme provisoire" in row.text and "French" in row.text
    download = client_as(app).get(row.find("a")["href"], status=200)
    assert download.body == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # An applicant's file, in the same dialogue's files: never public.
    sent = attachments.make(app.registry, "notes.txt", b"private notes\n", "x", False)
    states = portal["review"]["states"]
    registration = acts.register(
        folder["1"],
        "ngo",
        acts.organisation("Org", "", "", "Contact", "c@example.org", states),
        ("Someone",),
        "",
        "",
        (sent,),
        "ngo-demo",
        states,
        folder["1"].cutoff - timedelta(days=1),
    )
    commit(portal)
    assert sent.id in registration.files
    for client in (client_as(app), secretariat):
        client.get(f"{D1}/document/{sent.id}", status=404)
    client_as(app).get(f"{D1}/document/no-such-file", status=404)
    client_as(app).get(f"{D1}/document", status=404)


def test_a_document_whose_file_is_gone_is_not_listed(app, db, portal, folder):
    dialogue = folder["1"]
    dialogue.documents = (Document("background", "Lost", "en", "gone", "x", 0.0),)
    commit(portal)
    page = client_as(app).get(D1)
    assert page.html.find(id="documents").find("tr", class_="document") is None
    client_as(app).get(f"{D1}/document/gone", status=404)


# -- not convened (¶53(f)) ----------------------------------------------------


def test_the_chair_decides_not_to_convene_after_the_deadline(
    app, db, portal, folder, chair, clock, outbox
):
    dialogue = folder["2"]
    clock.set(dialogue.cutoff - timedelta(hours=1))
    early = chair.get(f"{D2}/not-convene")
    assert early.html.find("form", id="not-convene-form") is None
    assert (
        local_text(dialogue.cutoff, ZONE) in early.html.find(id="not-convene-when").text
    )
    token = early.html.find("input", {"name": "csrf_token"})["value"]
    refused = chair.post(
        f"{D2}/not-convene", {"csrf_token": token, "reason": "Too few."}, status=400
    )
    assert "deadline" in refused.html.find(id="error-not-convene").text
    commit(portal)
    assert dialogue.not_convened is None

    clock.set(dialogue.cutoff + timedelta(days=1))
    empty = _post(chair, f"{D2}/not-convene", status=400, reason=" ")
    assert empty.html.find(id="error-not-convene-reason") is not None
    assert not outbox()
    _post(chair, f"{D2}/not-convene", reason="Only one application: REASON-MARKER.")
    commit(portal)
    assert dialogue.not_convened.by == "chair-tests"
    assert dialogue["registration-1"].status == NOT_CONVENED
    [mail] = outbox()
    assert mail["To"] == "ngo-demo@example.org"
    body = mail.get_payload(decode=True).decode(mail.get_content_charset())
    assert "not to convene" in body
    assert f"{D2}/" in body
    assert "REASON-MARKER" not in body
    public = client_as(app).get(D2)
    notice = public.html.find(id="not-convened")
    assert "REASON-MARKER" in notice.text
    assert "Not convened" in public.html.find(id="status").text
    assert "not to convene" in public.html.find(id="cutoff").text
    listing = client_as(app).get(INDEX)
    assert "Not convened" in listing.html.find("tr", id="dialogue-2").text
    # Decided once: the page says so, a second decision is refused.
    again = chair.get(f"{D2}/not-convene")
    assert again.html.find(id="decided") is not None
    token = again.html.find("input", {"name": "csrf_token"})["value"]
    chair.post(f"{D2}/not-convene", {"csrf_token": token, "reason": "x"}, status=400)
    assert len(outbox()) == 1


@pytest.mark.parametrize("who", ["secretariat", "ngo-demo", "focal-fra", "bureau-demo"])
def test_only_the_chair_decides_not_to_convene(app, db, who):
    client_as(app, who).get(f"{D2}/not-convene", status=403)


# -- the chair's summary (¶53(h)) ---------------------------------------------


def test_the_summary_is_published_once_the_dialogue_is_held(
    app, db, portal, folder, chair, clock
):
    dialogue = folder["1"]
    clock.set(dialogue.starts_at - timedelta(minutes=1))
    early = chair.get(f"{D1}/summary")
    assert early.html.find("form", id="summary-form") is None
    token = early.html.find("input", {"name": "csrf_token"})["value"]
    refused = chair.post(
        f"{D1}/summary",
        {"csrf_token": token, "text": "Too soon.", "language": "en"},
        status=400,
    )
    assert "follows the dialogue" in refused.html.find(id="error-summary").text

    clock.set(dialogue.starts_at + timedelta(days=2))
    bad = _post(chair, f"{D1}/summary", status=400, text="Text.", language="de")
    assert bad.html.find(id="error-summary-language") is not None
    text = "ملخص الرئيس.\n<b>Second</b> paragraph."
    done = _post(chair, f"{D1}/summary", text=text, language="ar")
    assert done.location.endswith(f"{D1}/#summary")
    commit(portal)
    assert dialogue.summary.by == "chair-tests"
    public = client_as(app).get(D1)
    section = public.html.find(id="summary")
    assert "ملخص الرئيس." in section.text
    assert "<b>Second</b>" in section.text
    assert section.find("div", lang="ar") is not None
    assert "summary is published" in public.html.find(id="status").text
    # The Secretariat assists: it may correct the summary.
    secretariat = client_as(app, "secretariat")
    _post(secretariat, f"{D1}/summary", text="Corrected.", language="en")
    commit(portal)
    assert dialogue.summary.by == "secretariat"


@pytest.mark.parametrize("who", ["ngo-demo", "focal-fra", "bureau-demo"])
def test_only_the_chair_and_the_secretariat_write_the_summary(app, db, who):
    client_as(app, who).get(f"{D1}/summary", status=403)


def test_no_summary_of_a_dialogue_not_convened(app, db, portal, folder, chair, clock):
    dialogue = folder["2"]
    acts.not_convene(dialogue, "Too few.", "chair-tests", dialogue.cutoff)
    commit(portal)
    clock.set(dialogue.starts_at + timedelta(days=1))
    page = chair.get(f"{D2}/summary")
    assert page.html.find("form", id="summary-form") is None
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    refused = chair.post(
        f"{D2}/summary",
        {"csrf_token": token, "text": "A summary.", "language": "en"},
        status=400,
    )
    assert "not convened" in refused.html.find(id="error-summary").text


# -- management links and safe requests ----------------------------------------


def test_the_public_page_links_each_manager_to_its_pages(app, db, chair):
    def links(client) -> set[str]:
        nav = client.get(D2).html.find(id="manage")
        if nav is None:
            return set()
        return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in nav.find_all("a")}

    assert links(client_as(app, "secretariat")) == {
        "documents",
        "applicants",
        "summary",
    }
    assert links(chair) == {"applicants", "not-convene", "summary"}
    assert links(client_as(app, "focal-fra")) == {"applicants"}  # circulated
    assert links(client_as(app, "ngo-demo")) == set()


def test_reading_the_pages_writes_nothing(app, db, portal, folder, chair):
    secretariat = client_as(app, "secretariat")
    anonymous = client_as(app)
    anonymous.get(INDEX)  # a first visit sets the session cookie
    before = db.lastTransaction()
    for path in (INDEX, D1, D2):
        anonymous.get(path, status=200)
    for path in (f"{INDEX}/create", f"{D1}/documents", f"{D1}/summary"):
        secretariat.get(path, status=200)
    for path in (f"{D2}/not-convene", f"{D2}/summary", D2):
        chair.get(path, status=200)
    assert db.lastTransaction() == before


def test_the_next_session_of_the_working_group_receives_the_summary(app, db, portal):
    """¶53(h): the chair's summary is made available to the working group
    at its next session, and to no other group's."""
    from sherloc_review.cycle.sessions import WorkingGroupSession
    from sherloc_review.stakeholders.acts import publish_summary

    dialogue = portal["review"]["dialogues"]["1"]  # the trafficking group's
    publish_summary(
        dialogue,
        "SUMMARY-53H",
        "en",
        "chair-demo",
        dialogue.starts_at + timedelta(hours=3),
    )
    held = dialogue.local_start.date()
    sessions = portal["review"]["cycle"]["sessions"]
    for name, group, starts in (
        ("next-tip", "tip", held + timedelta(days=90)),
        ("next-som", "som", held + timedelta(days=90)),
        ("earlier-tip", "tip", held - timedelta(days=1)),
    ):
        sessions.add(
            name,
            WorkingGroupSession(group, name, starts, starts, "Vienna", ("Review",), 1),
        )
    commit(portal)
    client = client_as(app, "focal-fra")

    def listed(name):
        found = client.get(f"/review/cycle/sessions/{name}").html.find(
            id="dialogue-summaries"
        )
        return [li["data-dialogue"] for li in found.find_all("li")] if found else []

    assert listed("next-tip") == ["1"]
    assert listed("next-som") == [] and listed("earlier-tip") == []
