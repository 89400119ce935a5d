"""The officials' section of the public directory (¶18, ¶27)."""

import pytest

from sherloc_portal.resources.users import User
from sherloc_portal.testing import commit

WITH_FOCAL = "DEU"
WITHOUT_FOCAL = "FRA"
REPRESENTATIVE = "H.E. Représentant Permanent"


def _official(portal, login, iso3, role, fullname, active=True):
    user = portal["users"].add_user(User(login, f"{login}@secret.example", fullname))
    user.state, user.state_role, user.active = iso3, role, active
    portal["review"]["officials"].enrol(user)
    return user


@pytest.fixture
def directory_data(portal):
    """DEU with a focal point; FRA whose only focal point was made an expert."""
    officials = portal["review"]["officials"]
    for iso3 in (WITH_FOCAL, WITHOUT_FOCAL):
        for user in officials[iso3].accounts(portal["users"]):
            if user.state_role == "focal":  # demo accounts: made experts
                user.state_role = "expert"
                officials.enrol(user)
    _official(portal, "b2-focal", WITH_FOCAL, "focal", "Anna Focal")
    _official(portal, "b2-expert", WITH_FOCAL, "expert", "Bernd Expert")
    _official(portal, "b2-pending", WITH_FOCAL, "expert", "Pending Person", False)
    _official(portal, "b2-observer", WITH_FOCAL, "observer", "Olga Observer")
    _official(portal, "b2-fra-expert", WITHOUT_FOCAL, "expert", "Claire Expert")
    portal["review"]["states"][WITHOUT_FOCAL].permanent_representative = REPRESENTATIVE
    commit(portal)
    return portal


def _directory(testapp) -> dict[str, list[tuple[str, str, str]]]:
    """The officials section of the public page: State → (name, role, note)."""
    page = testapp.get("/knowledge/directory")
    section = page.html.find(id="directory-officials")
    found = {}
    for heading in section.find_all("h3"):
        table = heading.find_next_sibling("table")
        found[heading.text.strip()] = [
            tuple(cell.text.strip() for cell in row.find_all("td"))
            for row in table.tbody.find_all("tr")
        ]
    return found


def _name(portal, iso3) -> str:
    return str(portal["review"]["states"][iso3].name)


def test_focal_point_and_active_experts_are_listed(testapp, directory_data):
    rows = _directory(testapp)[_name(directory_data, WITH_FOCAL)]
    names = [name for name, _role, _note in rows]
    assert ("Anna Focal", "Focal point", "") in rows
    assert ("Bernd Expert", "Governmental expert", "") in rows
    assert names.index("Anna Focal") < names.index("Bernd Expert")
    assert "Pending Person" not in names
    assert "Olga Observer" not in names
    assert not any("temporary" in role.lower() for _n, role, _note in rows)


def test_state_without_focal_point_shows_its_permanent_representative(
    testapp, directory_data
):
    rows = _directory(testapp)[_name(directory_data, WITHOUT_FOCAL)]
    assert rows[0][:2] == (REPRESENTATIVE, "Temporary focal point")
    assert "¶18" in rows[0][2]
    assert ("Claire Expert", "Governmental expert", "") in rows


def test_every_state_of_the_mechanism_has_a_focal_point_row(testapp, directory_data):
    shown = _directory(testapp)
    states = directory_data["review"]["states"]
    assert set(shown) == {str(s.name) for s in states.values()}
    for rows in shown.values():
        assert rows[0][1] in ("Focal point", "Temporary focal point")


def test_directory_shows_no_addresses_or_logins(testapp, directory_data):
    page = testapp.get("/knowledge/directory")
    assert "@secret.example" not in page.text
    assert "b2-focal" not in page.text


def test_directory_rows_are_plain_translated_strings(app, directory_data):
    """``collect`` translates: no TranslationString reaches another package."""
    from pyramid.request import Request, apply_request_extensions

    request = Request.blank("/")
    request.registry = app.registry
    apply_request_extensions(request)
    request.tm.begin()
    try:
        section = app.registry.sherloc_extensions.directory_sections["officials"]
        rows = section.collect(request)
    finally:
        request.tm.abort()
        request._process_finished_callbacks()
    assert rows
    assert {type(row[key]) for row in rows for key in row} == {str}
