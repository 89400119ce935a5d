"""Officials' principals, the officials ACLs and the index set-up (no app)."""

from types import SimpleNamespace

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.resources.root import ROOT_KEY, PortalRoot
from sherloc_portal.resources.users import User
from sherloc_portal.security.acl import DENY_ALL
from sherloc_review.officials import setup
from sherloc_review.officials.permissions import OfficialsPermission as P
from sherloc_review.officials.principals import officials_principals
from sherloc_review.officials.resources import is_signatory


class StandInState(Resource):
    """The few attributes of the mechanism's State this slice reads."""

    volunteer = False
    permanent_representative = ""

    def __init__(self, iso3: str, **statuses: str) -> None:
        super().__init__()
        self.iso3 = iso3
        self.name = iso3.title()
        self.participation = {
            instrument: SimpleNamespace(status=status)
            for instrument, status in statuses.items()
        }

    def is_party(self, instrument: str) -> bool:
        record = self.participation.get(instrument.lower())
        return record is not None and record.status == "party"


def _site(with_mechanism: bool = True):
    root = PortalRoot()
    if with_mechanism:
        mechanism = root.add("review", Folder())
        states = mechanism.add("states", Folder())
        states.add("FRA", StandInState("FRA", untoc="party", tip="party"))
        states.add("IRN", StandInState("IRN", untoc="signatory", tip="none"))
    return root


def _request(root):
    return SimpleNamespace(
        zodb_connection=SimpleNamespace(root=lambda: {ROOT_KEY: root})
    )


def _official(root, login, state="FRA", role="focal", active=True):
    user = root["users"].add_user(User(login, f"{login}@example.org"))
    user.state = state
    user.state_role = role
    user.active = active
    return user


def test_active_official_of_a_known_state_gets_state_principals():
    root = _site()
    user = _official(root, "jean", role="expert")
    assert officials_principals(_request(root), user) == [
        "state:FRA",
        "state:FRA:expert",
        "role:state-official",
        "role:state-party-official",
    ]


def test_an_official_of_a_signatory_is_not_a_state_party_official():
    root = _site()
    user = _official(root, "ali", state="IRN", role="focal")
    principals = officials_principals(_request(root), user)
    assert "role:state-official" in principals
    assert "role:state-party-official" not in principals


def test_observer_is_an_official_of_its_state_but_neither_focal_nor_expert():
    root = _site()
    user = _official(root, "obs", role="observer")
    principals = officials_principals(_request(root), user)
    assert "state:FRA:observer" in principals
    assert "state:FRA" in principals
    assert not {"state:FRA:focal", "state:FRA:expert"} & set(principals)


@pytest.mark.parametrize(
    ("state", "role", "active"),
    [
        ("FRA", "focal", False),  # invitation not accepted, or deactivated
        ("XYZ", "focal", True),  # a State the mechanism does not know
        ("", "focal", True),  # removed official
        ("FRA", "", True),  # no office
        ("FRA", "chief", True),  # unknown office
    ],
)
def test_no_state_principals_otherwise(state, role, active):
    root = _site()
    user = _official(root, "x", state=state, role=role, active=active)
    assert officials_principals(_request(root), user) == []


def test_no_state_principals_without_the_mechanism():
    root = _site(with_mechanism=False)
    user = _official(root, "jean")
    assert officials_principals(_request(root), user) == []


def test_principals_follow_the_stored_account_on_every_call():
    root = _site()
    request = _request(root)
    user = _official(root, "jean", role="expert")
    assert "state:FRA:expert" in officials_principals(request, user)
    user.state, user.state_role = "IRN", "focal"
    assert officials_principals(request, user)[:2] == ["state:IRN", "state:IRN:focal"]


def _installed():
    root = _site()
    _official(root, "focal-fra")
    _official(root, "expert-fra", role="expert")
    _official(root, "stray", state="XYZ")
    _official(root, "ngo", state="", role="")
    index = setup.install(root["review"])
    return root, index


def test_install_enrols_the_officials_of_known_states_and_is_idempotent():
    root, index = _installed()
    assert dict(index["FRA"].members) == {"focal-fra": "focal", "expert-fra": "expert"}
    assert list(index.keys()) == ["FRA"]
    _official(root, "obs-irn", state="IRN", role="observer")
    assert setup.install(root["review"]) is index
    assert dict(index["IRN"].members) == {"obs-irn": "observer"}
    assert len(index["FRA"].members) == 2


def test_uninstall_removes_the_index_and_keeps_the_accounts():
    root, _index = _installed()
    setup.uninstall(root["review"])
    assert "officials" not in root["review"]
    assert root["users"]["focal-fra"].state == "FRA"
    setup.uninstall(root["review"])  # idempotent


def test_reading_a_state_without_officials_stores_nothing():
    _root, index = _installed()
    entry = index["IRN"]
    assert entry.iso3 == "IRN"
    assert not entry.is_stored()
    assert "IRN" not in index.data
    with pytest.raises(KeyError):
        index["XYZ"]


def _permits(context, principals, permission) -> bool:
    base = [Everyone, Authenticated, "user:someone"]
    return bool(ACLHelper().permits(context, base + principals, permission))


def test_only_secretariat_and_admin_manage_officials():
    _root, index = _installed()
    fra = index["FRA"]
    for principals in (["role:secretariat"], ["role:admin"]):
        assert _permits(fra, principals, P.MANAGE)
        assert _permits(index, principals, P.MANAGE)
    for principals in (
        ["state:FRA", "state:FRA:focal", "role:state-official"],
        ["role:ngo"],
        [],
    ):
        assert not _permits(fra, principals, P.MANAGE)
        assert not _permits(index, principals, P.MANAGE)


def test_focal_point_may_volunteer_its_own_state_only():
    _root, index = _installed()
    focal_irn = ["state:IRN", "state:IRN:focal", "role:state-official"]
    assert _permits(index["IRN"], focal_irn, P.VOLUNTEER)
    assert not _permits(index["FRA"], focal_irn, P.VOLUNTEER)
    assert not _permits(index["FRA"], focal_irn, P.VIEW)


def test_observer_and_expert_read_but_never_act():
    _root, index = _installed()
    for role in ("observer", "expert"):
        principals = ["state:FRA", f"state:FRA:{role}", "role:state-official"]
        assert _permits(index["FRA"], principals, P.VIEW)
        assert not _permits(index["FRA"], principals, P.VOLUNTEER)


def test_bare_state_principal_is_granted_nothing():
    _root, index = _installed()
    for permission in P:
        assert not _permits(index["FRA"], ["state:FRA"], permission)


def test_officials_acls_end_with_deny_all():
    _root, index = _installed()
    assert index.__acl__()[-1] == DENY_ALL
    assert index["FRA"].__acl__()[-1] == DENY_ALL


def test_broken_acl_fails_closed():
    _root, index = _installed()
    broken = index["FRA"]
    del broken.iso3
    assert broken.__acl__() == [DENY_ALL]


def test_signatory_of_any_instrument_may_volunteer():
    assert is_signatory(StandInState("IRN", untoc="signatory"))
    assert is_signatory(StandInState("AUS", untoc="party", firearms="signatory"))
    assert not is_signatory(StandInState("FRA", untoc="party", tip="party"))
    assert not is_signatory(StandInState("PNG", untoc="none"))
