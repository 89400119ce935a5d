"""The summary: at most 1,500 words, agreed, translated, issued (¶38, ¶39)."""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.outcomes.summaries import (
    approve_summary,
    record_translation,
    save_summary,
)
from sherloc_review.versioned import Stale

TODAY = date(2027, 1, 15)


@pytest.fixture
def drafting(jordan):
    """Jordan's summary as if it were still drafted (version 1, unagreed)."""
    summary = jordan.observations.summary
    summary.agreed = None
    summary.approvals = ()
    summary.translations.clear()
    return summary


def _save(summary, base=None, language="en", **sections):
    base = summary.latest if base is None else base
    return save_summary(summary, sections, language, base, "expert-fra", 1.0)


def test_more_than_1500_words_are_refused_whatever_the_language(drafting):
    with pytest.raises(ActionRefused) as refused:
        _save(drafting, gap="word " * 1000, practice="word " * 501)
    assert "1501" in refused.value.message.interpolate()
    with pytest.raises(ActionRefused):
        _save(drafting, language="zh", gap="审" * 2251)
    version = _save(drafting, language="zh", gap="审" * 2250)
    assert version.words == 1500 and drafting.language == "zh"
    version = _save(drafting, gap="word " * 1000, practice="word " * 500)
    assert version.words == 1500


def test_a_save_over_someone_elses_is_stale_and_nothing_is_not_a_version(drafting):
    latest = drafting.latest
    _save(drafting, gap="One.")
    with pytest.raises(Stale) as stale:
        _save(drafting, base=latest, gap="Two.")
    assert "One." in stale.value.current.text
    assert _save(drafting, gap="One.") is None  # unchanged
    with pytest.raises(ActionRefused):
        _save(drafting, gap=" ")
    with pytest.raises(ActionRefused) as refused:
        _save(drafting, language="la", gap="x")
    assert refused.value.field == "language"


def test_an_edit_withdraws_the_approvals_and_all_parties_agree(jordan, drafting):
    parties = jordan.country.participants
    for party in parties[:-1]:
        assert not approve_summary(drafting, party, drafting.latest, "f", TODAY, 1.0)
    _save(drafting, gap="Changed.")
    assert drafting.waiting_for(parties) == parties
    for party in parties:
        approve_summary(drafting, party, drafting.latest, "f", TODAY, 1.0)
    assert drafting.agreed.version == drafting.latest
    with pytest.raises(ActionRefused):
        _save(drafting, gap="After the agreement.")


def test_the_summary_is_issued_when_all_six_languages_exist(mechanism, jordan):
    summary = jordan.observations.summary  # agreed in English, French final
    assert summary.missing_languages() == ("ar", "zh", "ru", "es")

    def record(lang, status="final", **kw):
        kw.setdefault("sections", {"gap": f"Text in {lang}."})
        return record_translation(
            mechanism, summary, lang, status, "secretariat", TODAY, 1.0, **kw
        )

    record("ar")
    record("zh", status="in-progress")  # exists, but not final
    record("ru")
    assert summary.issued_on is None and summary.missing_languages() == ("zh", "es")
    with pytest.raises(ActionRefused):
        record("es", sections={"gap": " "})  # nothing typed, no file
    with pytest.raises(ActionRefused) as refused:
        record("en")  # the agreed text itself
    assert refused.value.field == "language"
    with pytest.raises(ActionRefused) as refused:
        record("es", status="done")
    assert refused.value.field == "status"
    record("es")
    assert summary.issued_on is None
    record("zh")
    assert summary.issued_on == TODAY.isoformat()
    assert jordan.state == "concluded" and jordan.concluded_on == TODAY
    with pytest.raises(ActionRefused):
        record("ar")  # issued: final


def test_translations_wait_for_the_agreement(drafting, mechanism):
    with pytest.raises(ActionRefused):
        record_translation(
            mechanism, drafting, "fr", "final", "s", TODAY, 1.0, sections={"gap": "x"}
        )
