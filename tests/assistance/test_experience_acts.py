"""The experience of completing the questionnaires (¶42), as acts."""

from __future__ import annotations

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.experience.acts import save, share, unshare
from sherloc_review.experience.setup import install
from sherloc_review.versioned import Stale

from .conftest import TODAY


def _experience(mechanism, iso3="JOR"):
    return mechanism["countries"][iso3].phases[1].experience


def test_drafting_waits_for_a_submitted_self_assessment(mechanism):
    kenya = _experience(mechanism, "KEN")  # its responses are a draft
    with pytest.raises(ActionRefused):
        save(kenya, "Our experience.", "focal-ken", 0, 1.0)
    assert kenya.text.revision == 0


def test_saves_are_versioned_and_a_stale_one_is_refused(mechanism):
    experience = _experience(mechanism)
    save(experience, "First.", "expert-jor", 0, 1.0)
    save(experience, "Second.", "focal-jor", 1, 2.0)
    with pytest.raises(Stale) as stale:
        save(experience, "Over the first.", "expert-jor", 1, 3.0)
    assert stale.value.current.text == "Second."
    assert [v.text for v in experience.text.versions] == ["First.", "Second."]
    with pytest.raises(ActionRefused) as refused:
        save(experience, " ", "expert-jor", 2, 3.0)
    assert refused.value.field == "text"


def test_sharing_is_indexed_and_stopping_removes_it(mechanism, experiences):
    experience = _experience(mechanism)
    save(experience, "Our experience.", "expert-jor", 0, 1.0)
    share(mechanism, experience, "focal-jor", 1, TODAY, 5.0)
    assert (experience.shared_at, experience.shared_by) == (5.0, "focal-jor")
    row = experiences["JOR/1"]
    assert (row.iso3, row.phase, row.shared_on) == ("JOR", 1, "2027-01-15")
    share(mechanism, experience, "focal-jor", 1, TODAY, 9.0)  # again: nothing
    assert experience.shared_at == 5.0
    unshare(mechanism, experience)
    assert experience.shared_at is None and "JOR/1" not in experiences
    unshare(mechanism, experience)  # again: nothing
    assert experience.shared_at is None


def test_only_the_version_read_is_shared_and_never_an_empty_text(
    mechanism, experiences
):
    experience = _experience(mechanism)
    with pytest.raises(ActionRefused):
        share(mechanism, experience, "focal-jor", 0, TODAY, 1.0)
    save(experience, "Our experience.", "expert-jor", 0, 1.0)
    save(experience, "Revised.", "expert-jor", 1, 2.0)
    with pytest.raises(Stale) as stale:
        share(mechanism, experience, "focal-jor", 1, TODAY, 3.0)
    assert stale.value.current.text == "Revised."
    assert experience.shared_at is None and not list(experiences)


def test_the_installer_makes_the_index_once(mechanism):
    mechanism._p_activate()  # a ghost's __dict__ is empty
    if "experience_index" in mechanism.__dict__:
        del mechanism.experience_index  # a site from before the index
    said = []
    install(mechanism, said.append)
    index = mechanism.experience_index
    assert len(said) == 1 and len(index) == 0
    install(mechanism, said.append)
    assert mechanism.experience_index is index and len(said) == 1
