"""Drafting and agreeing the list of observations (¶38, ¶39)."""

from __future__ import annotations

from datetime import date

import pytest
import transaction
from ZODB.POSException import ConflictError

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.testing import commit
from sherloc_review.outcomes.lists import (
    approve_list,
    remove_entry,
    save_entry,
    withhold,
)
from sherloc_review.versioned import Stale

TODAY = date(2027, 1, 15)


def _add(observations, party="CHN", by="expert-chn", **kw):
    fields = {
        "instrument": "UNTOC",
        "article": observations.entries[0].article,
        "kind": "gap",
        "text": "A gap.",
        **kw,
    }
    return save_entry(observations, party, by, 1.0, **fields)


def _approve(mechanism, observations, party, version=None):
    version = observations.latest if version is None else version
    login = f"focal-{party.lower()}"
    return approve_list(mechanism, observations, party, version, login, TODAY, 2.0)


def test_an_edit_withdraws_every_approval_given_before(mechanism, singapore):
    observations = singapore.observations
    assert observations.approved_current("SGP")
    entry = _add(observations)
    assert observations.latest == 6 and observations.waiting_for(
        observations.parties
    ) == ("SGP", "CHN", "RUS")
    # The approvals stay in the record, naming the version approved.
    assert observations.approval_of("SGP").version == 5
    assert observations.current.entry(entry.number).text == "A gap."
    assert observations.versions[5].entry(entry.number) is None


def test_the_list_is_agreed_only_when_every_party_approved_the_same_version(
    mechanism, singapore
):
    observations = singapore.observations
    _add(observations)
    assert not _approve(mechanism, observations, "SGP")
    assert not _approve(mechanism, observations, "CHN")
    with pytest.raises(ActionRefused):
        _approve(mechanism, observations, "RUS", version=5)  # not current
    assert observations.agreed is None
    assert _approve(mechanism, observations, "RUS")
    assert observations.agreed.version == 6
    assert singapore.state == "summary"
    assert singapore.steps[-1].note == "list of observations agreed by all parties"
    # Needs become records for the working group (¶44).
    needs = sorted(n.need for n in singapore.assistance.needs.values())
    assert needs == ["data", "training"]
    assert "SGP/1/1" in mechanism.assistance_index
    # Agreed, the list no longer changes; the same approval answers alike.
    with pytest.raises(ActionRefused):
        _add(observations)
    assert _approve(mechanism, observations, "RUS")


def test_only_the_parties_approve(mechanism, singapore):
    with pytest.raises(ActionRefused):
        _approve(mechanism, singapore.observations, "FRA")


def test_the_list_is_approved_once_the_dialogue_is_completed(mechanism):
    italy = mechanism["countries"]["ITA"].phases[1]  # still at the feedback
    with pytest.raises(ActionRefused):
        approve_list(mechanism, italy.observations, "ITA", 1, "focal-ita", TODAY, 1.0)


def test_a_save_over_someone_elses_edit_is_stale(singapore):
    observations = singapore.observations
    first = observations.entries[0]
    save_entry(
        observations,
        "CHN",
        "expert-chn",
        1.0,
        entry=first.number,
        base=first.revision,
        instrument=first.instrument,
        article=first.article,
        kind=first.kind,
        text="Revised by China.",
    )
    with pytest.raises(Stale) as stale:
        save_entry(
            observations,
            "RUS",
            "expert-rus",
            1.0,
            entry=first.number,
            base=first.revision,
            instrument=first.instrument,
            article=first.article,
            kind=first.kind,
            text="Revised by Russia.",
        )
    assert stale.value.current.text == "Revised by China."
    with pytest.raises(Stale):
        remove_entry(observations, "RUS", "expert-rus", 1.0, first.number, 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"instrument": "FIREARMS"}, "article"),  # not reviewed in this phase
        ({"article": "999"}, "article"),
        ({"kind": "ranking"}, "kind"),
        ({"kind": "assistance"}, "need"),
        ({"kind": "assistance", "need": "training"}, "priority"),
        ({"text": "  "}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"cites": ("responses/UNTOC/nope",)}, "cites"),
        ({"cites": ("dialogue/99",)}, "cites"),
        ({"cites": ("https://example.org",)}, "cites"),
    ],
)
def test_bad_entries_are_refused_naming_the_field(singapore, fields, field):
    with pytest.raises(ActionRefused) as refused:
        _add(singapore.observations, **fields)
    assert refused.value.field == field


def test_an_additional_reviewer_drafts_only_on_its_instruments(mechanism):
    italy = mechanism["countries"]["ITA"].phases[1]
    italy.state = "dialogue"
    observations = italy.observations
    article = italy.responses["UNTOC"].questions[0].article
    with pytest.raises(ActionRefused) as refused:
        save_entry(
            observations,
            "OMN",  # reviews the Firearms Protocol only (¶28(b))
            "expert-omn",
            1.0,
            instrument="UNTOC",
            article=article,
            kind="gap",
            text="x",
        )
    assert refused.value.field == "instrument"


def test_the_state_keeps_parts_confidential_and_the_records_follow(mechanism, jordan):
    observations = jordan.observations
    need = next(e for e in observations.entries if e.kind == "assistance")
    withhold(observations, {need.number}, "focal-jor", 3.0, "Reason.", 0)
    assert observations.withheld == {need.number}
    record = next(n for n in jordan.assistance.needs.values() if n.entry == need.number)
    assert record.withheld
    assert mechanism.assistance_index[f"JOR/1/{record.number}"].withheld
    # A decision from a page shown before this one is refused.
    with pytest.raises(ActionRefused):
        withhold(observations, set(), "focal-jor", 4.0, "", 0)
    with pytest.raises(ActionRefused) as refused:
        withhold(observations, {need.number}, "focal-jor", 4.0, " ", 1)
    assert refused.value.field == "reason"
    withhold(observations, set(), "focal-jor", 4.0, "", 1)
    assert not record.withheld and len(observations.withholdings) == 2


def test_two_last_approvals_at_once_still_agree_the_list(app, db, portal, singapore):
    """Each connection approves without seeing the other; the approvals are
    on the list itself, so the second commit conflicts, is retried, and the
    retry sees both."""
    observations = singapore.observations
    _add(observations)
    _approve(portal["review"], observations, "SGP")
    commit(portal)

    def approve(party):
        tm = transaction.TransactionManager(explicit=True)
        conn = db.open(transaction_manager=tm)
        tm.begin()
        review = conn.root()[ROOT_KEY]["review"]
        phase = review["countries"]["SGP"].phases[1]
        _approve(review, phase.observations, party)
        return tm, conn

    first, second = approve("CHN"), approve("RUS")
    first[0].commit()
    with pytest.raises(ConflictError):
        second[0].commit()
    second[0].abort()
    for _tm, conn in (first, second):
        conn.close()
    retry_tm, retry_conn = approve("RUS")
    retry_tm.commit()
    retry_conn.close()
    commit(portal)  # a new transaction, which sees both
    assert singapore.observations.agreed is not None
    assert singapore.state == "summary"


def test_a_redraw_racing_the_last_approval_makes_it_conflict(db, portal):
    """The parties are read as they stand: a redraw committed meanwhile
    (RUS replaced) makes Russia's approval conflict instead of agreeing a
    list the new reviewer never approved."""
    from sherloc_review.countries.resources import Reviewer

    def session():
        tm = transaction.TransactionManager(explicit=True)
        conn = db.open(transaction_manager=tm)
        tm.begin()
        return tm, conn, conn.root()[ROOT_KEY]["review"]

    redraw_tm, redraw_conn, redraw = session()
    approve_tm, approve_conn, review = session()
    country = redraw["countries"]["SGP"]
    country.reviewers = tuple(
        Reviewer("KEN", r.instruments, r.role) if r.state == "RUS" else r
        for r in country.reviewers
    )
    observations = review["countries"]["SGP"].phases[1].observations
    assert _approve(review, observations, "RUS")  # as this connection sees it
    redraw_tm.commit()
    with pytest.raises(ConflictError):
        approve_tm.commit()
    approve_tm.abort()
    for conn in (redraw_conn, approve_conn):
        conn.close()
    commit(portal)
    observations = portal["review"]["countries"]["SGP"].phases[1].observations
    assert observations.agreed is None
    assert observations.waiting_for(observations.parties) == ("KEN",)


def test_no_summary_without_an_agreed_list(mechanism, singapore):
    """A phase stepped to its summary by hand (before the module) has no
    agreed list: no summary is written, approved or translated there."""
    from sherloc_review.outcomes.summaries import save_summary

    singapore.state = "summary"
    summary = singapore.observations.summary
    with pytest.raises(ActionRefused):
        save_summary(summary, {"gap": "x"}, "en", 0, "expert-chn", 1.0)


def test_a_concluded_phase_keeps_its_withholding(jordan):
    jordan.state = "concluded"
    with pytest.raises(ActionRefused):
        withhold(jordan.observations, set(), "focal-jor", 1.0, "", 0)
