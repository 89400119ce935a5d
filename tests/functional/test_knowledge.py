"""The public knowledge base: legislation by State and article, the directory."""

from __future__ import annotations

import pytest
import webtest
from pyramid.testing import DummyRequest

from sherloc_portal.extension import DirectorySection, Extensions
from sherloc_portal.resources.knowledge import Legislation, LegislationRecord
from sherloc_portal.resources.users import User
from sherloc_portal.testing import DEMO_PASSWORD, commit, login
from sherloc_portal.views import knowledge as views

LISTING = "/knowledge/legislation"


def _record(legislation, record_id, state, title, articles=()):
    return legislation.add_record(LegislationRecord(record_id, state, title, articles))


@pytest.fixture
def records(portal):
    """Four records in three States, and nothing else (demo data removed)."""
    legislation = portal["knowledge"]["legislation"]
    for record_id in list(legislation.keys()):
        legislation.remove_record(record_id)
    _record(legislation, "deu-stgb-129", "DEU", "Strafgesetzbuch § 129", ["UNTOC:5"])
    _record(legislation, "deu-gwg", "DEU", "Geldwäschegesetz", ["UNTOC:6", "UNTOC:7"])
    _record(legislation, "fra-cp-450", "FRA", "Code pénal, art. 450-1", ["UNTOC:5"])
    _record(legislation, "ita-cp-416", "ITA", "Codice penale, art. 416-bis", ["TIP:5"])
    commit(portal)
    return legislation


def _user(app, portal, login_name, roles=()):
    user = portal["users"].add_user(
        User(login_name, f"{login_name}@example.org", login_name.title())
    )
    user.password_hash = app.registry.sherloc_passwords.hash(DEMO_PASSWORD)
    user.roles = tuple(roles)
    user.active = True
    commit(portal)
    return user


@pytest.fixture
def editor(app, portal, testapp):
    _user(app, portal, "kb-editor", roles=("secretariat",))
    login(testapp, "kb-editor")
    return testapp


@pytest.fixture
def plain_user(app, portal, testapp):
    _user(app, portal, "kb-reader")
    login(testapp, "kb-reader")
    return testapp


def _page_token(testapp) -> str:
    """The session's CSRF token, from the layout's language switcher."""
    return testapp.get("/").forms[0]["csrf_token"].value


def _states_shown(page) -> list[str]:
    return [h2.text for h2 in page.html.select("section.state-group h2")]


# -- reading -------------------------------------------------------------------


def test_index_links_to_legislation_and_directory(testapp, records):
    page = testapp.get("/knowledge")
    assert page.html.find("a", href="http://localhost/knowledge/legislation")
    assert page.html.find("a", href="http://localhost/knowledge/directory")
    assert "Records: 4; States: 3" in page.text


def test_listing_groups_records_by_state(testapp, records):
    page = testapp.get(LISTING)
    assert _states_shown(page) == ["DEU", "FRA", "ITA"]
    deu = page.html.find("h2", string="DEU").find_parent("section")
    assert {a.text for a in deu.select("li a")} == {
        "Strafgesetzbuch § 129",
        "Geldwäschegesetz",
    }


def test_listing_filters_by_state(testapp, records):
    page = testapp.get(LISTING, params={"state": "fra"})
    assert _states_shown(page) == ["FRA"]
    assert "Records found: 1" in page.text


def test_listing_filters_by_article_across_states(testapp, records):
    page = testapp.get(LISTING, params={"article": "untoc:5"})
    assert _states_shown(page) == ["DEU", "FRA"]
    assert "Geldwäschegesetz" not in page.text


def test_listing_filters_by_state_and_article(testapp, records):
    page = testapp.get(LISTING, params={"state": "DEU", "article": "UNTOC:6"})
    assert [a.text for a in page.html.select("section.state-group li a")] == [
        "Geldwäschegesetz"
    ]
    none = testapp.get(LISTING, params={"state": "ITA", "article": "UNTOC:6"})
    assert _states_shown(none) == []
    assert "Records found: 0" in none.text


def test_malformed_filters_are_explained_not_errors(testapp, records):
    page = testapp.get(LISTING, params={"state": "Germany", "article": "five"})
    alerts = [div.text for div in page.html.select("[role=alert]")]
    assert len(alerts) == 2
    assert "three-letter code" in alerts[0]


def test_listing_is_paged(testapp, portal, records):
    legislation = portal["knowledge"]["legislation"]
    for n in range(views.PAGE_SIZE + 5):
        _record(legislation, f"bra-{n:03d}", "BRA", f"Lei {n:03d}", ["UNTOC:5"])
    commit(portal)
    first = testapp.get(LISTING, params={"state": "BRA"})
    assert len(first.html.select("section.state-group li")) == views.PAGE_SIZE
    following = first.click(href="page=2")
    assert len(following.html.select("section.state-group li")) == 5
    assert "state=BRA" in following.request.url
    assert following.html.find("a", rel="prev")
    assert not following.html.find("a", rel="next")


def test_listings_read_the_indexes_not_every_record(testapp, records, monkeypatch):
    def scan(*args, **kwargs):
        raise AssertionError("a listing walked the whole folder")

    for name in ("values", "items", "keys", "__iter__", "page"):
        monkeypatch.setattr(Legislation, name, scan)
    testapp.get(LISTING)
    testapp.get(LISTING, params={"state": "DEU"})
    testapp.get(LISTING, params={"article": "UNTOC:5"})
    testapp.get("/knowledge")


def test_record_page_links_state_and_articles(testapp, records):
    page = testapp.get(f"{LISTING}/deu-gwg")
    assert page.html.h1.text == "Geldwäschegesetz"
    hrefs = {a["href"] for a in page.html.select("main dd a")}
    assert f"http://localhost{LISTING}/?state=DEU" in hrefs
    assert f"http://localhost{LISTING}/?article=UNTOC%3A7" in hrefs
    assert "Edit this record" not in page.text


def test_unknown_record_is_404(testapp, records):
    testapp.get(f"{LISTING}/no-such-record", status=404)


# -- the directory -----------------------------------------------------------


def _section(name, title, rows, order):
    return DirectorySection(name, title, lambda request: rows, order)


def test_directory_orders_sections_and_groups_rows():
    extensions = Extensions()
    extensions.directory_sections = {
        "later": _section(
            "later", "Later", [{"group": "X", "name": "x", "role": "r"}], 50
        ),
        "first": _section(
            "first",
            "First",
            [
                {"group": "Brazil", "name": "Ana", "role": "Focal point"},
                {"group": "Austria", "name": "Bo", "role": "Expert"},
                {"group": "Brazil", "name": "Caio", "role": "Expert", "note": "n"},
            ],
            10,
        ),
    }
    request = DummyRequest()
    request.registry.sherloc_extensions = extensions
    result = views.directory(None, request)
    assert [s["name"] for s in result["sections"]] == ["first", "later"]
    groups = result["sections"][0]["groups"]
    assert list(groups) == ["Brazil", "Austria"]
    assert [row["name"] for row in groups["Brazil"]] == ["Ana", "Caio"]


def test_directory_page_renders_every_section(app, testapp):
    sections = app.registry.sherloc_extensions.directory_sections.values()
    page = testapp.get("/knowledge/directory")
    headings = [h2.text for h2 in page.html.select("main section h2")]
    assert len(headings) == len(sections)


# -- adding and editing --------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(testapp, records):
    for path in (f"{LISTING}/add", f"{LISTING}/deu-gwg/edit"):
        response = testapp.get(path, status=303)
        assert "/login" in response.location
    token = _page_token(testapp)
    response = testapp.post(
        f"{LISTING}/add",
        {"csrf_token": token, "record_id": "x", "state": "DEU", "title": "t"},
        status=303,
    )
    assert "/login" in response.location
    assert "x" not in records


def test_plain_user_may_not_add_or_edit(plain_user, records):
    plain_user.get(f"{LISTING}/add", status=403)
    plain_user.get(f"{LISTING}/deu-gwg/edit", status=403)
    token = _page_token(plain_user)
    plain_user.post(
        f"{LISTING}/add",
        {"csrf_token": token, "record_id": "x", "state": "DEU", "title": "t"},
        status=403,
    )
    assert "Add a legislation record" not in plain_user.get(LISTING).text


def test_editor_adds_a_record_that_the_indexes_find(editor, records):
    listing = editor.get(LISTING)
    form = listing.click("Add a legislation record").forms["legislation-add"]
    form["record_id"] = "deu-stgb-261"
    form["state"] = "deu"
    form["title"] = "Strafgesetzbuch § 261"
    form["articles"] = "UNTOC:6, untoc:6 TIP:5"
    form["url"] = "https://www.gesetze-im-internet.de/stgb/__261.html"
    saved = form.submit("save", status=303)
    assert saved.location.endswith(f"{LISTING}/deu-stgb-261/")
    page = saved.follow()
    [flash] = page.html.select("main .flash")
    assert flash.text == "The record was added." and flash["role"] == "status"
    assert page.html.h1.text == "Strafgesetzbuch § 261"
    found = editor.get(LISTING, params={"state": "DEU", "article": "TIP:5"})
    assert "Strafgesetzbuch § 261" in found.text
    assert "Edit this record" in page.text


def test_add_form_explains_bad_input(editor, records):
    form = editor.get(f"{LISTING}/add").forms["legislation-add"]
    form["record_id"] = "deu-gwg"
    form["state"] = "Germany"
    form["title"] = ""
    form["articles"] = "article five"
    form["url"] = "javascript:alert(1)"
    page = form.submit("save", status=200)
    errors = page.html.select("[id^=error-]")
    assert {e["id"] for e in errors} >= {
        "error-legislation-add-state",
        "error-legislation-add-title",
        "error-legislation-add-articles",
        "error-legislation-add-url",
    }
    form = page.forms["legislation-add"]
    form["state"], form["title"], form["articles"], form["url"] = "DEU", "T", "", ""
    page = form.submit("save", status=200)
    assert "exists already" in page.text


def test_editor_moves_a_record_to_another_state(editor, records):
    form = editor.get(f"{LISTING}/deu-gwg/edit").forms["legislation-edit"]
    assert form["articles"].value == "UNTOC:6, UNTOC:7"
    form["state"] = "AUT"
    form["articles"] = "UNTOC:7"
    form.submit("save", status=303)

    def titles(**params):
        return editor.get(LISTING, params=params).text

    assert "Geldwäschegesetz" not in titles(state="DEU")
    assert "Geldwäschegesetz" in titles(state="AUT")
    assert "Geldwäschegesetz" not in titles(article="UNTOC:6")


def test_add_form_needs_the_csrf_token(editor, records):
    editor.post(
        f"{LISTING}/add",
        {"record_id": "x", "state": "DEU", "title": "t", "save": "save"},
        status=400,
    )
    editor.get(f"{LISTING}/x", status=404)


def test_two_editors_never_silently_overwrite_each_other(editor, records):
    """The second save is refused with 409; nothing typed is lost."""
    other = webtest.TestApp(editor.app, extra_environ=dict(editor.extra_environ))
    login(other, "secretariat")
    mine = editor.get(f"{LISTING}/deu-gwg/edit").forms["legislation-edit"]
    theirs = other.get(f"{LISTING}/deu-gwg/edit").forms["legislation-edit"]
    theirs["title"] = "Their title"
    theirs.submit("save", status=303)
    mine["title"] = "My title"
    refused = mine.submit("save", status=409)
    assert "Someone else saved this record" in refused.text
    again = refused.forms["legislation-edit"]
    assert again["title"].value == "My title"
    assert "Their title" in refused.html.find(id="current-version").text
    again.submit("save", status=303)
    assert "My title" in editor.get(f"{LISTING}/deu-gwg").text


def test_an_edit_without_its_revision_is_refused_not_applied(editor, records):
    """The version token is required: a form without it changes nothing."""
    form = editor.get(f"{LISTING}/deu-gwg/edit").forms["legislation-edit"]
    params = dict(form.submit_fields())
    del params["revision"]
    params["title"] = "Tampered"
    refused = editor.post(
        f"{LISTING}/deu-gwg/edit", {**params, "save": "save"}, status=200
    )
    assert refused.html.find(id="legislation-edit-errors") is not None
    assert "Tampered" not in editor.get(f"{LISTING}/deu-gwg").text
