"""The demo leaves one list awaiting an approval and one agreed."""

from __future__ import annotations


def test_singapore_awaits_the_last_reviewing_state(singapore):
    observations = singapore.observations
    assert singapore.state == "observations"
    assert observations.latest == 5 and observations.agreed is None
    assert observations.waiting_for(observations.parties) == ("RUS",)


def test_jordan_is_agreed_and_translated_into_french(jordan, mechanism):
    observations = jordan.observations
    assert jordan.state == "summary"
    assert observations.agreed.version == observations.latest
    summary = observations.summary
    assert summary.agreed is not None and summary.language == "en"
    assert summary.missing_languages() == ("ar", "zh", "ru", "es")
    needs = sorted(n.need for n in jordan.assistance.needs.values())
    assert needs == ["data", "training"]
    rows = [k for k in mechanism.assistance_index if k.startswith("JOR/1/")]
    assert rows == ["JOR/1/1", "JOR/1/2"]
    first, second = (mechanism.assistance_index[k] for k in rows)
    assert first.requested and second.status == "in-progress"


def test_the_blueprint_puts_the_convention_before_its_protocols(singapore):
    from sherloc_review.outcomes.blueprint import provisions

    instruments = list(dict.fromkeys(i for i, _a in provisions(singapore)))
    assert instruments == ["UNTOC", "TIP"]
