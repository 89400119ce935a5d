"""The portal security policy: who a request is, and its principals."""

import time
from types import SimpleNamespace

import pytest
from pyramid.authorization import Authenticated, Everyone
from pyramid.testing import DummySession

from sherloc_portal.resources.root import ROOT_KEY, PortalRoot
from sherloc_portal.resources.users import User
from sherloc_portal.security.policy import (
    SESSION_EPOCH,
    SESSION_ISSUED,
    SESSION_USER,
    PortalSecurityPolicy,
    csrf_applies,
)

LIFETIME = 3600


class FakeRequest:
    """What the policy reads from a request, and nothing else."""

    def __init__(self, root, headers=None, session=None, providers=None, method="POST"):
        self.method = method
        self.headers = dict(headers or {})
        self.environ = {}
        self.session = DummySession(session or {})
        self.content_type = self.headers.get("Content-Type", "")
        self.zodb_connection = SimpleNamespace(root=lambda: {ROOT_KEY: root})
        self.registry = SimpleNamespace(
            sherloc_extensions=SimpleNamespace(principals_providers=providers or {})
        )
        self.finished_callbacks = []
        self.sherloc_settings = SimpleNamespace(session_lifetime=LIFETIME)

    def add_finished_callback(self, callback):
        self.finished_callbacks.append(callback)


@pytest.fixture
def root():
    portal = PortalRoot()
    alice = User("alice", "alice@example.org")
    alice.active = True
    alice.roles = ("secretariat", "chair")
    alice.state = "FRA"
    portal["users"].add_user(alice)
    return portal


@pytest.fixture
def policy():
    return PortalSecurityPolicy()


def _session_for(user, issued=None):
    return {
        SESSION_USER: user.login,
        SESSION_EPOCH: user.session_epoch,
        SESSION_ISSUED: time.time() if issued is None else issued,
    }


def test_principals_of_a_user_with_roles(root, policy):
    alice = root["users"]["alice"]
    request = FakeRequest(root, session=_session_for(alice))
    assert policy.effective_principals(request) == [
        Everyone,
        Authenticated,
        "user:alice",
        "role:secretariat",
        "role:chair",
    ]


def test_principals_providers_add_theirs_per_request(root, policy):
    alice = root["users"]["alice"]
    providers = {"states": lambda request, user: [f"state:{user.state}"]}
    request = FakeRequest(root, session=_session_for(alice), providers=providers)
    assert "state:FRA" in policy.effective_principals(request)
    alice.state = "ESP"
    request = FakeRequest(root, session=_session_for(alice), providers=providers)
    principals = policy.effective_principals(request)
    assert "state:ESP" in principals and "state:FRA" not in principals


def test_anonymous_has_only_everyone(root, policy):
    request = FakeRequest(root)
    assert policy.identity(request) is None
    assert policy.effective_principals(request) == [Everyone]


def test_an_inactive_user_is_anonymous(root, policy):
    alice = root["users"]["alice"]
    session = _session_for(alice)
    alice.active = False
    request = FakeRequest(root, session=session)
    assert policy.identity(request) is None
    assert policy.effective_principals(request) == [Everyone]


def test_a_session_from_an_older_epoch_is_anonymous(root, policy):
    alice = root["users"]["alice"]
    session = _session_for(alice)
    assert policy.identity(FakeRequest(root, session=session)).login == "alice"
    alice.end_sessions()
    assert policy.identity(FakeRequest(root, session=session)) is None


def test_a_session_for_a_removed_user_is_anonymous(root, policy):
    session = _session_for(root["users"]["alice"])
    root["users"].remove("alice")
    assert policy.identity(FakeRequest(root, session=session)) is None


def test_a_bearer_token_identifies_its_user(root, policy):
    alice = root["users"]["alice"]
    token = root.tokens.issue(alice, 3600)
    request = FakeRequest(root, headers={"Authorization": f"Bearer {token}"})
    identity = policy.identity(request)
    assert identity.login == "alice"
    assert identity.via == "token"
    assert "role:secretariat" in policy.effective_principals(request)


def test_logout_keeps_tokens_but_a_credentials_change_revokes_them(root, policy):
    alice = root["users"]["alice"]
    token = root.tokens.issue(alice, 3600)
    headers = {"Authorization": f"Bearer {token}"}
    alice.end_sessions()
    assert policy.identity(FakeRequest(root, headers=headers)) is not None
    alice.revoke_credentials()
    assert policy.identity(FakeRequest(root, headers=headers)) is None


def test_an_expired_token_is_anonymous(root, policy):
    token = root.tokens.issue(root["users"]["alice"], -1)
    request = FakeRequest(root, headers={"Authorization": f"Bearer {token}"})
    assert policy.identity(request) is None


@pytest.mark.parametrize(
    "header", ["Bearer not-a-real-token", "Basic YWxpY2U6cHc=", "Bearer"]
)
def test_a_bad_authorization_header_never_falls_back_to_the_session(
    root, policy, header
):
    alice = root["users"]["alice"]
    request = FakeRequest(
        root, headers={"Authorization": header}, session=_session_for(alice)
    )
    assert policy.identity(request) is None
    assert policy.effective_principals(request) == [Everyone]


def test_remember_rotates_the_session_and_stores_the_epoch(root, policy):
    alice = root["users"]["alice"]
    alice.end_sessions()
    request = FakeRequest(root, session={"planted": "by an attacker"})
    policy.remember(request, "alice")
    assert "planted" not in request.session
    assert request.session[SESSION_USER] == "alice"
    assert request.session[SESSION_EPOCH] == alice.session_epoch
    assert policy.identity(request).login == "alice"


def test_a_session_ends_after_its_lifetime_even_if_active(root, policy):
    alice = root["users"]["alice"]
    fresh = FakeRequest(root, session=_session_for(alice))
    assert policy.identity(fresh) is not None
    old = FakeRequest(
        root, session=_session_for(alice, issued=time.time() - LIFETIME - 1)
    )
    assert policy.identity(old) is None


def test_forget_ends_the_identity(root, policy):
    request = FakeRequest(root, session=_session_for(root["users"]["alice"]))
    assert policy.identity(request) is not None
    policy.forget(request)
    assert policy.identity(request) is None


@pytest.mark.parametrize(
    ("method", "headers", "applies"),
    [
        ("POST", {"Cookie": "sherloc_session=x"}, True),
        ("DELETE", {"Cookie": "sherloc_session=x"}, True),
        ("POST", {"Cookie": "sherloc_session=x", "Authorization": "Bearer t"}, True),
        ("POST", {"Authorization": "Bearer t"}, False),
        ("POST", {"Content-Type": "application/json"}, False),
        # What a cross-site form can send: checked even without a cookie.
        ("POST", {"Content-Type": "application/x-www-form-urlencoded"}, True),
        ("POST", {"Content-Type": "multipart/form-data"}, True),
        ("POST", {"Content-Type": "text/plain"}, True),
        ("POST", {}, True),
        # A browser cannot send these cross-site without a preflight.
        ("DELETE", {}, False),
        ("PUT", {"Content-Type": "application/x-www-form-urlencoded"}, False),
    ],
)
def test_csrf_applies_to_what_another_site_could_forge(root, method, headers, applies):
    request = FakeRequest(root, headers=headers, method=method)
    assert csrf_applies(request) is applies
