"""The job cron runs for the constructive dialogues (¶53(d), (e)): the list
of applicants circulated once the cut-off passed, with mails to the focal
points and the registrants; the applications settled once objections
closed, each registrant told its outcome; nothing twice.

The demo's dialogues are taken away first, so that each run's report and
mails are this dialogue's only.  It is held in Auckland, where the cut-off
is the start of a local day, hours before the same day begins in UTC.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from sherloc_portal.accounts.testing import add_user
from sherloc_portal.testing import commit
from sherloc_review.cycle.cli import constructive_dialogues, main
from sherloc_review.stakeholders.acts import create, object_to, organisation, register
from sherloc_review.stakeholders.job import focal_points
from sherloc_review.stakeholders.resources import (
    APPROVED,
    CIRCULATED,
    PENDING,
    REFERRED,
    REJECTED,
    UNCONFIRMED,
)

PLANNED = datetime(2027, 1, 4, 9, tzinfo=UTC)
ZONE = "Pacific/Auckland"
#: login → (kind, account confirmed)
APPLICANTS = {
    "ngo-a": ("ngo", True),
    "acad-b": ("academia", True),
    "ngo-c": ("ngo", False),  # never confirmed its address
    "firm-d": ("private_sector", True),
}
REASON = "Objection-reason-marker-7Q"


def _body(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset())


def _subject(message) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def dialogue_number(app, portal):
    folder = portal["review"]["dialogues"]
    for name in list(folder):
        folder.remove(name)
    dialogue = create(
        folder,
        "tip",
        datetime(2027, 3, 1, 10),
        ZONE,
        "Auckland",
        "",
        "Dialogue of the job's tests",
        "secretariat",
        PLANNED,
    )
    states = portal["review"]["states"]
    commit(portal)
    for login, (kind, confirmed) in APPLICANTS.items():
        add_user(app, portal, login, roles=("ngo",), active=confirmed)
        org = organisation(
            f"Org {login}", "AUT", "", "Contact", f"{login}@example.org", states
        )
        register(dialogue, kind, org, ("Someone",), "", "", (), login, states, PLANNED)
    commit(portal)
    return dialogue.number


def _dialogue(portal, number):
    commit(portal)  # a fresh transaction sees what the job committed
    return portal["review"]["dialogues"][str(number)]


def _registrations(portal, number) -> dict:
    dialogue = _dialogue(portal, number)
    return {r.login: r for r in dialogue.registrations.values()}


def _circulate(app, portal, clock, number):
    clock.set(_dialogue(portal, number).cutoff)
    return constructive_dialogues(app.registry)


def test_the_cutoff_is_the_start_of_the_local_day_fifteen_days_before(
    portal, dialogue_number
):
    dialogue = _dialogue(portal, dialogue_number)
    # 2027-03-01 in Auckland (UTC+13 in summer): applications until the end
    # of 2027-02-14 there, which is 11:00 UTC on the 14th.
    assert dialogue.cutoff == datetime(2027, 2, 14, 11, tzinfo=UTC)


def test_nothing_is_circulated_before_the_cutoff(
    app, portal, outbox, clock, dialogue_number
):
    clock.set(_dialogue(portal, dialogue_number).cutoff - timedelta(seconds=1))
    report = constructive_dialogues(app.registry)
    assert (report.circulated, report.settled, report.sent) == (0, 0, 0)
    dialogue = _dialogue(portal, dialogue_number)
    assert dialogue.circulated_at is None
    assert {r.status for r in dialogue.registrations.values()} == {PENDING}
    assert outbox() == []


def test_the_list_goes_to_the_focal_points_at_the_cutoff_and_only_once(
    app, portal, outbox, clock, dialogue_number
):
    report = _circulate(app, portal, clock, dialogue_number)
    focal = focal_points(portal["review"], portal["users"])
    assert "focal-fra" in {u.login for u in focal}
    assert all(u.state_role == "focal" for u in focal)
    assert (report.circulated, report.late, report.settled) == (1, 0, 0)
    # One mail per focal point, one per confirmed registrant.
    assert report.sent == len(focal) + 3 == len(outbox())
    found = _registrations(portal, dialogue_number)
    assert found["ngo-c"].status == UNCONFIRMED
    assert {found[x].status for x in ("ngo-a", "acad-b", "firm-d")} == {CIRCULATED}
    by_address = {m["To"]: m for m in outbox()}
    assert "ngo-c@example.org" not in by_address  # never confirmed: not written to
    to_france = by_address["focal-fra@example.org"]
    link = f"/review/dialogues/{dialogue_number}/applicants"
    assert link in _body(to_france)
    assert "2027-03-01 10:00" in _body(to_france)  # the local day and hour
    assert "Org ngo-a" not in _body(to_france)  # links only
    told = _body(by_address["ngo-a@example.org"])
    assert "circulated to the States" in told
    assert f"/review/dialogues/{dialogue_number}/registration-" in told
    assert found["ngo-a"].told == {"circulated"}

    again = constructive_dialogues(app.registry)
    assert (again.circulated, again.settled, again.sent) == (0, 0, 0)
    assert len(outbox()) == report.sent


def test_a_list_circulated_after_its_due_date_is_reported_late(
    app, portal, outbox, clock, dialogue_number, caplog
):
    due = _dialogue(portal, dialogue_number).circulation_due
    clock.set(due + timedelta(hours=1))
    with caplog.at_level(logging.WARNING, logger="sherloc_review.stakeholders.job"):
        report = constructive_dialogues(app.registry)
    assert (report.circulated, report.late) == (1, 1)
    assert "circulated late" in caplog.text


def test_registrants_are_told_their_outcome_never_who_objected(
    app, portal, outbox, clock, dialogue_number
):
    _circulate(app, portal, clock, dialogue_number)
    found = _registrations(portal, dialogue_number)
    france = portal["users"]["focal-fra"]
    cutoff = _dialogue(portal, dialogue_number).cutoff
    object_to(found["ngo-a"], france, REASON, cutoff)
    object_to(found["acad-b"], france, REASON, cutoff)
    commit(portal)
    before = len(outbox())
    close = _dialogue(portal, dialogue_number).objections_close

    clock.set(close - timedelta(seconds=1))
    assert constructive_dialogues(app.registry).settled == 0
    clock.set(close)
    report = constructive_dialogues(app.registry)
    assert (report.circulated, report.settled, report.sent) == (0, 1, 3)

    found = _registrations(portal, dialogue_number)
    assert found["ngo-a"].status == REFERRED  # an NGO: the Bureau decides (¶53(d))
    assert found["acad-b"].status == REJECTED  # another stakeholder (¶53(e))
    assert found["firm-d"].status == APPROVED
    assert found["ngo-c"].status == UNCONFIRMED
    mails = {m["To"]: _body(m) for m in outbox()[before:]}
    assert set(mails) == {f"{x}@example.org" for x in ("ngo-a", "acad-b", "firm-d")}
    assert "referred to the Bureau" in mails["ngo-a@example.org"]
    assert "not approved" in mails["acad-b@example.org"]
    assert "it is approved" in mails["firm-d@example.org"]
    for body in mails.values():
        assert "FRA" not in body and "France" not in body
        assert "focal-fra" not in body and REASON not in body

    again = constructive_dialogues(app.registry)
    assert (again.settled, again.sent) == (0, 0)
    assert len(outbox()) == before + 3


def test_a_registrant_is_told_in_its_own_language(
    app, portal, outbox, clock, dialogue_number
):
    portal["users"]["ngo-a"].language = "fr"
    commit(portal)
    _circulate(app, portal, clock, dialogue_number)
    [mail] = [m for m in outbox() if m["To"] == "ngo-a@example.org"]
    assert "Groupe de travail sur la traite des personnes" in _body(mail)
    assert _subject(mail)


def test_the_command_refuses_a_malformed_moment(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["constructive-dialogues", str(tmp_path / "x.ini"), "--now", "soon"])
    assert exit_.value.code == 2


def test_the_command_refuses_a_missing_settings_file(tmp_path, capsys):
    assert main(["constructive-dialogues", str(tmp_path / "nowhere.ini")]) == 2
    assert "no such settings file" in capsys.readouterr().err
