"""``/controlpanel``: add-ons, profile versions and pending steps, for admins only."""

from __future__ import annotations

from sherloc_portal.extension import ControlPanelPage
from sherloc_portal.testing import commit, login


def test_anonymous_visitors_are_sent_to_login(testapp):
    response = testapp.get("/controlpanel", status=303)
    assert "/login" in response.location


def test_only_administrators_see_it(testapp):
    login(testapp, "secretariat")
    testapp.get("/controlpanel", status=403)


def test_lists_addons_and_profile_versions(testapp):
    login(testapp, "admin")
    page = testapp.get("/controlpanel")
    assert "sherloc_review" in page.html.find(id="addons").text
    default = page.html.find(id="profile-default")
    assert default.find(class_="installed").text.strip() == "8"
    assert default.find(class_="available").text.strip() == "8"
    uninstall = page.html.find(id="profile-uninstall")
    assert "not installed" in uninstall.find(class_="installed").text


def test_shows_pending_upgrade_steps(testapp, portal):
    portal.installed["default"] = 1
    del portal.upgrades_done["default:1->2"]
    commit(portal)
    login(testapp, "admin")
    default = testapp.get("/controlpanel").html.find(id="profile-default")
    assert default.find(class_="installed").text.strip() == "1"
    assert "1 → 2" in default.text


def test_links_to_registered_pages(app, testapp, monkeypatch):
    pages = app.registry.sherloc_extensions.controlpanel_pages
    page = ControlPanelPage("example", "Example settings", "controlpanel")
    monkeypatch.setitem(pages, "example", page)
    login(testapp, "admin")
    link = testapp.get("/controlpanel").html.find(id="pages").a
    assert link.text == "Example settings"
    assert link["href"].endswith("/controlpanel")
