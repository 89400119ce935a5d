"""The theme add-on: layout, navigation, language switcher, stylesheets.

It plugs in through ``pyramid.includes`` only; without it the portal keeps
its own plain layout.
"""

from __future__ import annotations

import re
import sys
import types

import pytest
import webtest

from sherloc_portal import main
from sherloc_portal.testing import make_settings

THEME_CSS = "http://localhost/theme-static/theme.css"
RTL_CSS = "http://localhost/theme-static/theme-rtl.css"


def _stylesheets(page) -> list[str]:
    return [link["href"] for link in page.html.select("link[rel=stylesheet]")]


def _client(app) -> webtest.TestApp:
    return webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})


@pytest.fixture
def make_app(request, tmp_path):
    """Build an app from testing settings with other ``pyramid.includes``."""
    apps = []

    def build(includes: str):
        settings = make_settings(
            request.config.getoption("--ini"),
            tmp_path / str(len(apps)),
            **{"zodbconn.uri": "memory://", "pyramid.includes": includes},
        )
        apps.append(main({}, **settings))
        return apps[-1]

    yield build
    for app in apps:
        app.registry.zodb.close()


# -- the layout --------------------------------------------------------------


def test_pages_use_the_theme_layout(testapp):
    for path in ("/", "/knowledge", "/knowledge/legislation", "/no-such-page"):
        page = testapp.get(path, expect_errors=True)
        assert page.text.startswith("<!DOCTYPE html>"), path
        assert _stylesheets(page) == [THEME_CSS], path


def test_layout_has_landmarks_and_a_skip_link(testapp):
    html = testapp.get("/knowledge").html
    assert html.select_one("header[role=banner]")
    assert html.select_one("footer[role=contentinfo]")
    assert html.select_one("nav[aria-label]")
    main_landmark = html.select_one("main#main")
    assert main_landmark and main_landmark.get("tabindex") == "-1"
    skip = html.body.find("a")  # the first link on the page
    assert skip["href"] == "#main" and "skip-link" in skip["class"]
    assert len(html.find_all("main")) == 1


def test_navigation_marks_the_current_page(testapp):
    nav = testapp.get("/knowledge/legislation").html.select_one("nav.main-nav")
    current = nav.select('[aria-current="page"]')
    assert [a["href"] for a in current] == ["http://localhost/knowledge"]
    home = testapp.get("/").html.select_one("nav.main-nav")
    assert [a["href"] for a in home.select("[aria-current]")] == ["http://localhost/"]


def _addon_with_tab(monkeypatch, module_name, **tab) -> str:
    module = types.ModuleType(module_name)

    def includeme(config):
        config.include("sherloc_portal")
        config.add_nav_tab(**tab)

    module.includeme = includeme
    monkeypatch.setitem(sys.modules, module_name, module)
    return module_name


def test_nav_tabs_of_addons_render_in_order_and_by_permission(make_app, monkeypatch):
    addons = [
        _addon_with_tab(
            monkeypatch,
            "theme_test_b",
            name="b",
            title="Beta",
            path="/knowledge/directory",
            order=20,
        ),
        _addon_with_tab(
            monkeypatch,
            "theme_test_a",
            name="a",
            title="Alpha",
            path="/knowledge/legislation",
            order=10,
        ),
        _addon_with_tab(
            monkeypatch,
            "theme_test_c",
            name="c",
            title="Admin only",
            path="/controlpanel",
            order=5,
            permission="portal:controlpanel:view",
        ),
    ]
    app = make_app("\n".join(["sherloc_review_theme", *addons]))
    page = _client(app).get("/knowledge/directory")
    links = [a.text for a in page.html.select("nav.main-nav a")]
    assert links == ["Home", "Knowledge base", "Alpha", "Beta"]
    current = page.html.select('nav.main-nav [aria-current="page"]')
    assert [a.text for a in current] == ["Knowledge base", "Beta"]


def test_anonymous_visitor_sees_a_log_in_link(testapp):
    account = testapp.get("/").html.select_one("header .account")
    assert account.find("a", href="http://localhost/login")
    assert not account.find("form")


# -- the language switcher -------------------------------------------------


def test_switcher_is_a_labelled_select_of_the_six_languages(testapp):
    form = testapp.get("/").html.select_one("form.language-switcher")
    assert form["method"] == "post"
    assert form["action"] == "http://localhost/language"
    select = form.select_one("select")
    assert form.select_one(f'label[for="{select["id"]}"]')
    options = {o["value"]: o["lang"] for o in select.select("option")}
    assert options == {code: code for code in ("ar", "zh", "en", "fr", "ru", "es")}
    assert form.select_one("input[name=csrf_token]")["value"]
    assert form.select_one("input[name=came_from]")["value"] == "/"


def test_switcher_sets_the_cookie_and_returns(testapp):
    form = testapp.get("/knowledge/legislation", params={"state": "DEU"}).forms[0]
    form["language"] = "ar"
    response = form.submit(status=303)
    assert response.location == "http://localhost/knowledge/legislation?state=DEU"
    assert testapp.cookies["sherloc_lang"] == "ar"
    page = response.follow()
    assert page.html.html["dir"] == "rtl"
    assert page.html.select_one('option[value="ar"]').has_attr("selected")


def test_switcher_needs_the_csrf_token(testapp):
    testapp.post("/language", {"language": "ar", "came_from": "/"}, status=400)
    assert "sherloc_lang" not in testapp.cookies


def test_arabic_pages_load_the_rtl_sheet(testapp):
    assert RTL_CSS not in _stylesheets(testapp.get("/"))
    testapp.set_cookie("sherloc_lang", "ar")
    page = testapp.get("/")
    assert (page.html.html["lang"], page.html.html["dir"]) == ("ar", "rtl")
    assert _stylesheets(page) == [THEME_CSS, RTL_CSS]


# -- the stylesheets ---------------------------------------------------------


def test_stylesheets_are_public(testapp):
    assert ":focus-visible" in testapp.get("/theme-static/theme.css").text
    assert '[dir="rtl"]' in testapp.get("/theme-static/theme-rtl.css").text


PHYSICAL = re.compile(
    r"(?<![-\w])(margin|padding|border)-(left|right)\b|"
    r"(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)"
)


def test_stylesheet_uses_logical_properties_only(testapp):
    """One sheet for both directions: no left/right offsets to mirror."""
    css = testapp.get("/theme-static/theme.css").text
    assert not PHYSICAL.findall(css)
    assert "inline-start" in css


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("--ink", "--paper"),
        ("--muted", "--paper"),
        ("--muted", "--tint"),
        ("--link", "--paper"),
        ("--link-visited", "--paper"),
        ("--error", "--paper"),
        ("--ok-ink", "--ok-bg"),
        ("--brand", "--paper"),
        ("#ffffff", "--brand"),
        ("--ink", "--tint"),
        ("--focus-ring", "--focus"),
    ],
)
def test_colours_meet_wcag_aa_contrast(testapp, text, background):
    css = testapp.get("/theme-static/theme.css").text
    colours = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))

    def resolve(name):
        return name if name.startswith("#") else colours[name]

    assert _contrast(resolve(text), resolve(background)) >= 4.5


# -- without the theme -------------------------------------------------------


def test_without_the_theme_the_portal_layout_serves(make_app):
    app = make_app("sherloc_review")
    assert "sherloc_review_theme" not in app.registry.sherloc_extensions.addons
    client = _client(app)
    page = client.get("/knowledge")
    assert _stylesheets(page) == ["http://localhost/static/portal.css"]
    assert page.html.html["lang"] == "en"
    client.get("/theme-static/theme.css", status=404)
