"""Applications, circulation, objections, the Bureau and the chair (¶53)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.stakeholders.acts import (
    bureau_decides,
    circulate,
    create,
    not_convene,
    object_to,
    organisation,
    register,
    review_mentions,
    settle,
    withdraw,
)
from sherloc_review.stakeholders.resources import (
    APPROVED,
    CIRCULATED,
    NOT_CONVENED,
    REFERRED,
    REJECTED,
    UNCONFIRMED,
    WITHDRAWN,
)

NOW = datetime(2027, 1, 4, 9, tzinfo=UTC)


class Official:
    def __init__(self, login, state="", state_role=""):
        self.login, self.state, self.state_role = login, state, state_role


@pytest.fixture
def dialogue(folder):
    return create(
        folder,
        "ic",
        datetime(2027, 2, 1, 10),
        "America/New_York",
        "",
        "https://e.org/x",
        "",
        "secretariat",
        NOW,
    )


def _apply(dialogue, states, login="ngo-demo", kind="ngo", comments="", now=NOW):
    org = organisation(
        f"Org of {login}",
        "AUT",
        "https://org.example",
        "Contact",
        f"{login}@e.org",
        states,
    )
    return register(
        dialogue, kind, org, ("Someone",), comments, "", (), login, states, now
    )


def test_the_cut_off_is_kept_to_the_minute(dialogue, states):
    cutoff = dialogue.cutoff
    _apply(dialogue, states, now=cutoff - timedelta(minutes=1))
    with pytest.raises(ActionRefused) as closed:
        _apply(dialogue, states, login="secretariat", now=cutoff)
    assert "America/New_York" in str(closed.value.message.mapping)


def test_bad_applications_are_refused_naming_the_field(dialogue, states):
    def field(**kw):
        with pytest.raises(ActionRefused) as err:
            organisation(
                **{
                    "name": "N",
                    "country": "",
                    "website": "",
                    "contact_name": "C",
                    "contact_email": "c@e.org",
                    "states": states,
                    **kw,
                }
            )
        return err.value.field

    assert field(name=" ") == "name"
    assert field(contact_email="not-an-address") == "contact_email"
    assert field(website="javascript:alert(1)") == "website"
    assert field(country="XXX") == "country"
    _apply(dialogue, states)
    with pytest.raises(ActionRefused):
        _apply(dialogue, states)  # the same login twice


def test_circulation_lists_the_confirmed_and_waits_for_the_cut_off(
    portal, dialogue, states
):
    users = portal["users"]
    listed = _apply(dialogue, states)  # ngo-demo: an active account
    lapsed = _apply(dialogue, states, login="nobody-confirmed")
    assert circulate(dialogue, users, dialogue.cutoff - timedelta(seconds=1)) == []
    assert circulate(dialogue, users, dialogue.cutoff) == [listed]
    assert (listed.status, lapsed.status) == (CIRCULATED, UNCONFIRMED)
    assert circulate(dialogue, users, dialogue.cutoff + timedelta(days=1)) == []


def test_objections_the_bureau_and_other_stakeholders(portal, dialogue, states):
    ngo = _apply(dialogue, states)
    firm = _apply(dialogue, states, login="secretariat", kind="private_sector")
    quiet = _apply(dialogue, states, login="admin", kind="academia")
    circulate(dialogue, portal["users"], dialogue.cutoff)
    focal = Official("focal-fra", "FRA", "focal")
    with pytest.raises(ActionRefused):
        object_to(ngo, Official("expert-fra", "FRA", "expert"), "No.", dialogue.cutoff)
    object_to(ngo, focal, "Not relevant.", dialogue.cutoff)
    with pytest.raises(ActionRefused):
        object_to(ngo, focal, "Again.", dialogue.cutoff)
    object_to(firm, focal, "Commercial.", dialogue.cutoff)
    with pytest.raises(ActionRefused):
        object_to(quiet, focal, "Too late.", dialogue.objections_close)
    assert settle(dialogue, dialogue.objections_close - timedelta(seconds=1)) == []
    settle(dialogue, dialogue.objections_close)
    assert (ngo.status, firm.status, quiet.status) == (REFERRED, REJECTED, APPROVED)
    bureau_decides(ngo, True, "Relevant to the working group.", "bureau", NOW)
    assert ngo.status == APPROVED and ngo.bureau.approve
    with pytest.raises(ActionRefused):
        bureau_decides(ngo, False, "Again.", "bureau", NOW)


def test_comments_naming_a_country_wait_for_the_chair(portal, dialogue, states):
    named = _apply(dialogue, states, comments="The situation in Italy.")
    plain = _apply(dialogue, states, login="admin", comments="On the process.")
    circulate(dialogue, portal["users"], dialogue.cutoff)
    settle(dialogue, dialogue.objections_close)
    assert named.mentions == ("ITA",) and plain.mentions == ()
    assert plain.comments_public and not named.comments_public
    review_mentions(named, True, "Raised by Italy itself.", "chair", NOW)
    assert named.comments_public
    with pytest.raises(ActionRefused):
        review_mentions(plain, True, "", "chair", NOW)


def test_the_chair_may_not_convene_after_the_deadline(portal, dialogue, states):
    applied = _apply(dialogue, states)
    with pytest.raises(ActionRefused):
        not_convene(dialogue, "Too few.", "chair", dialogue.cutoff - timedelta(hours=1))
    assert not_convene(dialogue, "Too few.", "chair", dialogue.cutoff) == [applied]
    assert applied.status == NOT_CONVENED
    with pytest.raises(ActionRefused):
        _apply(dialogue, states, login="admin", now=NOW)


def test_a_registrant_withdraws_until_the_day(dialogue, states):
    applied = _apply(dialogue, states)
    withdraw(applied, NOW)
    assert applied.status == WITHDRAWN
    again = _apply(dialogue, states)  # a withdrawn application may be made again
    with pytest.raises(ActionRefused):
        withdraw(again, dialogue.starts_at)


def test_addresses_outside_printable_ascii_are_refused(states):
    for address in ("é@é.éé", "q\x00@q.example.org", "a b@c.org", "x@y"):
        with pytest.raises(ActionRefused) as err:
            organisation("N", "", "", "C", address, states)
        assert err.value.field == "contact_email"


def test_dates_too_far_ahead_and_bureau_decisions_after_the_day(
    portal, folder, dialogue, states
):
    with pytest.raises(ActionRefused) as far:
        create(
            folder,
            "ic",
            datetime(9999, 12, 31, 23),
            "America/New_York",
            "Vienna",
            "",
            "",
            "secretariat",
            NOW,
        )
    assert far.value.field == "starts_at"
    ngo = _apply(dialogue, states)
    circulate(dialogue, portal["users"], dialogue.cutoff)
    object_to(ngo, Official("focal-fra", "FRA", "focal"), "No.", dialogue.cutoff)
    settle(dialogue, dialogue.objections_close)
    with pytest.raises(ActionRefused):
        bureau_decides(ngo, True, "Late.", "bureau", dialogue.starts_at)
