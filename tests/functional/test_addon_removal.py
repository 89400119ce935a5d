"""The add-ons plug in only through ``pyramid.includes``: without them the portal runs.

Removing ``sherloc_review`` and ``sherloc_review_theme`` from the settings must
leave a host portal that starts and serves its own pages, and two add-ons that
claim the same navigation tab must stop the start-up rather than silently
override each other.
"""

from __future__ import annotations

import sys
import types

import pytest
import webtest
from pyramid.exceptions import ConfigurationConflictError

from sherloc_portal import main
from sherloc_portal.testing import make_settings

ADDONS = ("sherloc_review", "sherloc_review_theme")


def _settings(request, tmp_path, includes: str) -> dict:
    return make_settings(
        request.config.getoption("--ini"),
        tmp_path,
        **{"zodbconn.uri": "memory://", "pyramid.includes": includes},
    )


@pytest.fixture
def bare_app(request, tmp_path):
    """The host portal alone, on a fresh in-memory database."""
    app = main({}, **_settings(request, tmp_path, ""))
    yield app
    app.registry.zodb.close()


def _client(app) -> webtest.TestApp:
    return webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )


def test_the_full_app_has_the_addons_and_the_review_tab(app, testapp):
    extensions = app.registry.sherloc_extensions
    assert set(ADDONS) <= set(extensions.addons)
    assert any(tab.path == "/review" for tab in extensions.nav_tabs.values())
    # The mechanism exists: anonymous visitors are sent to log in.
    assert "/login" in testapp.get("/review", status=303).location


def test_the_portal_starts_and_serves_without_the_addons(bare_app):
    extensions = bare_app.registry.sherloc_extensions
    assert not set(ADDONS) & set(extensions.addons)
    assert not any(tab.path == "/review" for tab in extensions.nav_tabs.values())
    client = _client(bare_app)
    for path in ("/", "/knowledge", "/login"):
        assert client.get(path).status_int == 200, path
    home = client.get("/")
    assert 'href="http://localhost/review"' not in home.text
    client.get("/review", status=404)


def _fake_addon(monkeypatch, name: str, tab_title: str) -> str:
    """A throw-away add-on package that adds the nav tab ``review``."""
    module = types.ModuleType(name)

    def includeme(config):
        config.include("sherloc_portal")
        config.add_nav_tab("review", tab_title, path="/review")

    module.includeme = includeme
    monkeypatch.setitem(sys.modules, name, module)
    return name


def test_two_addons_claiming_one_tab_stop_the_start_up(request, tmp_path, monkeypatch):
    first = _fake_addon(monkeypatch, "sherloc_test_addon_one", "One")
    second = _fake_addon(monkeypatch, "sherloc_test_addon_two", "Two")
    settings = _settings(request, tmp_path, f"{first}\n{second}")
    with pytest.raises(ConfigurationConflictError):
        main({}, **settings)
