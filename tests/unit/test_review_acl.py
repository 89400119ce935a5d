"""The review tree's ACLs: closed, never public, readable by the right roles."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pyramid.authorization import ACLHelper, Allow, Authenticated, Everyone

from sherloc_portal.resources.folder import Folder
from sherloc_portal.resources.root import PortalRoot
from sherloc_portal.resources.users import User
from sherloc_portal.security.acl import DENY_ALL
from sherloc_review import security
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.cycle.permissions import CyclePermission
from sherloc_review.cycle.sessions import WorkingGroupSession
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import start_thread
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.guidance.resources import GuidancePage
from sherloc_review.guidance.setup import ensure_guidance
from sherloc_review.permissions import ReviewPermission
from sherloc_review.stakeholders.acts import create, organisation, register
from sherloc_review.stakeholders.permissions import StakeholderPermission
from sherloc_review.stakeholders.setup import ensure_dialogues
from sherloc_review.testing import install_default_into


@pytest.fixture(scope="module")
def root():
    root = PortalRoot()
    official = User("focal-fra")
    official.state, official.state_role, official.active = "FRA", "focal", True
    root["users"].add_user(official)
    install_default_into(root)
    mechanism = root["review"]
    run(mechanism, prepare(mechanism, "ACL test", "acl", "test"), "test")
    prepare(mechanism, "Not yet drawn", "later", "test")
    open_next_phase(mechanism, "1", date(2026, 12, 1), "test")
    sessions = mechanism["cycle"]["sessions"]
    day = date(2027, 3, 1)
    sessions.add(
        "1", WorkingGroupSession("ic", "Session", day, day, "Vienna", ("a",), 1)
    )
    country = next(c for c in mechanism["countries"].values() if c.phases)
    secretariat = User("secretariat")  # speaks for no State
    start_thread(country.phases[1].dialogue, "General", Topic(), "Text.", secretariat)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    planned = create(
        ensure_dialogues(mechanism),
        "tip",
        datetime(2027, 3, 1, 10),
        "Europe/Vienna",
        "Vienna",
        "",
        "",
        "test",
        now,
    )
    applicant = organisation("NGO", "", "", "Contact", "ngo@example.org", {})
    register(
        planned, "ngo", applicant, ("A",), "", "", (), "ngo", mechanism["states"], now
    )
    guidance = ensure_guidance(mechanism)
    guidance.add_page(GuidancePage("Using the module", "Text.", "en", "secretariat"))
    return root


def walk(node):
    yield node
    if isinstance(node, Folder):
        for child in node.values():
            yield from walk(child)
    for phase in getattr(node, "phases", {}).values():
        yield phase
        if phase.responses is not None:
            yield from walk(phase.responses)
        if phase.feedback is not None:
            yield phase.feedback
            yield from phase.feedback.values()
        if phase.dialogue is not None:
            yield phase.dialogue
            yield from phase.dialogue.threads.values()
        if phase.observations is not None:
            yield phase.observations
            yield phase.observations.summary
        for name in ("assistance", "experience"):
            if getattr(phase, name) is not None:
                yield getattr(phase, name)
    if type(node).__name__ == "ConstructiveDialogue":
        yield from node.registrations.values()
    if type(node).__name__ == "Cycle":
        yield node["status"]
        yield node["feed"]
        yield node["feed"]["some-secret.ics"]


def test_the_walk_reaches_every_kind_of_node(root):
    kinds = {type(node).__name__ for node in walk(root["review"])}
    assert {
        "ReviewMechanism",
        "States",
        "State",
        "Instruments",
        "Instrument",
        "Article",
        "Clusters",
        "Cluster",
        "Workplan",
        "Questionnaires",
        "QuestionnaireDefinition",
        "OfficialsIndex",
        "StateOfficials",
        "Draws",
        "DrawRecord",
        "Countries",
        "CountryReview",
        "PhaseReview",
        "Responses",
        "SelfAssessment",
        "Feedback",
        "WrittenFeedback",
        "Dialogue",
        "Thread",
        "Observations",
        "Summary",
        "Assistance",
        "Experience",
        "Reports",
        "Guidance",
        "GuidancePage",
        "Cycle",
        "Sessions",
        "PublicStatus",
        "Feeds",
        "FeedAddress",
        "WorkingGroupSession",
        "DialoguesFolder",
        "ConstructiveDialogue",
        "Registration",
    } <= kinds


def test_every_acl_under_review_ends_with_deny_all(root):
    for node in walk(root["review"]):
        acl = node.__acl__()
        assert acl[-1] == DENY_ALL, node


#: The only grants to everyone: the public status (counts), the calendar
#: feeds, whose view serves nothing without the feed's secret, and the
#: constructive dialogues' public pages and application form (¶53), whose
#: applications below are closed.
PUBLIC = {
    ("PublicStatus", CyclePermission.STATUS),
    ("Feeds", CyclePermission.FEED),
    ("FeedAddress", CyclePermission.FEED),
    ("DialoguesFolder", StakeholderPermission.PUBLIC_VIEW),
    (
        "ConstructiveDialogue",
        (StakeholderPermission.PUBLIC_VIEW, StakeholderPermission.REGISTER),
    ),
}


def test_nothing_under_review_is_granted_to_everyone_or_authenticated(root):
    public = set()
    for node in walk(root["review"]):
        for action, principal, permissions in node.__acl__():
            if action == Allow and principal in (Everyone, Authenticated):
                assert principal == Everyone, node
                public.add((type(node).__name__, permissions))
    assert public == PUBLIC


def _permits(node, principals, permission) -> bool:
    base = [Everyone, Authenticated, "user:someone"]
    return bool(ACLHelper().permits(node, base + principals, permission))


@pytest.mark.parametrize(
    "principal",
    [
        "role:admin",
        "role:secretariat",
        "role:state-official",
        "role:chair",
        "role:bureau",
    ],
)
def test_reference_data_is_read_by_the_mechanisms_participants(root, principal):
    review = root["review"]
    for node in (review, review["states"]["FRA"], review["instruments"]["TIP"]["5"]):
        assert _permits(node, [principal], ReviewPermission.REFERENCE_VIEW)


@pytest.mark.parametrize("principals", [["role:ngo"], [], ["state:FRA"]])
def test_reference_data_is_closed_to_others(root, principals):
    review = root["review"]
    for node in (review, review["states"]["FRA"], review["workplan"]):
        for permission in ReviewPermission:
            assert not _permits(node, principals, permission)


def test_a_broken_acl_denies_everything(root, monkeypatch):
    def broken():
        raise RuntimeError("broken")

    monkeypatch.setattr(security, "reference_acl", broken)
    assert root["review"]["states"]["FRA"].__acl__() == [DENY_ALL]
