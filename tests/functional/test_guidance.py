"""The Secretariat's guidance and e-training pages (¶20), ``/review/guidance``."""

from __future__ import annotations

import colander
import pytest
from pyramid.authorization import Allow, Authenticated, Everyone

from sherloc_portal.security.acl import DENY_ALL
from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.guidance.resources import (
    GuidanceChanged,
    GuidancePage,
)
from sherloc_review.guidance.setup import ensure_guidance

INDEX = "/review/guidance"
BODY = "Premier paragraphe, GUIDANCE-MARKER-20.\n\n<script>alert(1)</script>"


@pytest.fixture
def guidance(portal):
    folder = ensure_guidance(portal["review"])
    folder.add_page(GuidancePage("Uploading files", "How to attach a file.", "en", "s"))
    commit(portal)
    return folder


def _add(client, title="Répondre au questionnaire", body=BODY, language="fr"):
    form = client.get(f"{INDEX}/add").forms["guidance-add"]
    form["title"] = title
    form["language"] = language
    form["body"] = body
    return form.submit("save", expect_errors=True)


def test_the_secretariat_adds_a_page_and_officials_read_it(app, db, guidance):
    secretariat = client_as(app, "secretariat")
    index = secretariat.get(INDEX)
    assert index.html.find(id="add-guidance-link") is not None
    added = _add(secretariat)
    assert added.status_int == 303
    assert added.location == "http://localhost/review/guidance/2/"
    focal = client_as(app, "focal-ken")
    index = focal.get(INDEX)
    assert index.html.find(id="add-guidance-link") is None
    assert "Répondre au questionnaire" in index.text
    page = focal.get(f"{INDEX}/2")
    article = page.html.find(id="guidance-page")
    assert article["lang"] == "fr"
    assert "GUIDANCE-MARKER-20" in article.text
    # Plain text: typed markup is shown, never run.
    assert article.find("script") is None
    assert "<script>alert(1)</script>" in article.text
    assert page.html.find(id="edit-guidance-link") is None


def test_officials_find_the_guidance_in_the_navigation(app, db, guidance):
    def tab_shown(who):
        nav = client_as(app, who).get("/").html.select_one("nav.main-nav")
        return "http://localhost/review/guidance" in [a["href"] for a in nav("a")]

    assert tab_shown("focal-ken")
    assert tab_shown("secretariat")
    assert not tab_shown("ngo-demo")
    assert not tab_shown(None)


def test_a_stale_edit_is_refused_with_409_and_both_versions(app, db, guidance):
    secretariat = client_as(app, "secretariat")
    mine = secretariat.get(f"{INDEX}/1/edit").forms["guidance-edit"]
    theirs = secretariat.get(f"{INDEX}/1/edit").forms["guidance-edit"]
    theirs["title"] = "Uploading files (their version)"
    theirs.submit("save", status=303)
    mine["title"] = "Uploading files (my version)"
    refused = mine.submit("save", status=409)
    assert "Someone else saved this page" in refused.text
    current = refused.html.find(id="current-version")
    assert "their version" in current.text
    again = refused.forms["guidance-edit"]
    assert again["title"].value == "Uploading files (my version)"
    again.submit("save", status=303)
    page = client_as(app, "focal-ken").get(f"{INDEX}/1")
    assert "Uploading files (my version)" in page.html.find("h1").text


@pytest.mark.parametrize("who", ["ngo-demo", None])
def test_ngos_and_the_public_do_not_read_the_guidance(app, db, guidance, who):
    client = client_as(app, who)
    for path in (INDEX, f"{INDEX}/1", f"{INDEX}/no-such-page"):
        response = client.get(path, status=303 if who is None else 403)
        assert "How to attach a file" not in response.text
        if who is None:
            assert "/login" in response.location


@pytest.mark.parametrize("who", ["expert-ken", "focal-ken", "ngo-demo", None])
def test_only_the_secretariat_adds_and_edits(app, db, portal, guidance, who):
    client = client_as(app, who)
    token = csrf_token(client)
    expected = 303 if who is None else 403
    client.get(f"{INDEX}/add", status=expected)
    client.get(f"{INDEX}/1/edit", status=expected)
    client.post(
        f"{INDEX}/add",
        {"csrf_token": token, "title": "Mine", "language": "en", "body": "x"},
        status=expected,
    )
    client.post(
        f"{INDEX}/1/edit",
        {"csrf_token": token, "title": "Mine", "language": "en", "body": "x"},
        status=expected,
    )
    commit(portal)
    assert list(portal["review"]["guidance"].keys()) == ["1"]
    assert portal["review"]["guidance"]["1"].title == "Uploading files"


def test_a_post_without_csrf_token_is_refused(app, db, portal, guidance):
    secretariat = client_as(app, "secretariat")
    secretariat.post(
        f"{INDEX}/add",
        {"title": "No token", "language": "en", "body": "x", "save": "save"},
        status=400,
    )
    commit(portal)
    assert len(portal["review"]["guidance"]) == 1


@pytest.mark.parametrize(
    ("field", "value"), [("language", "de"), ("title", ""), ("title", "x" * 201)]
)
def test_bad_input_is_sent_back_with_400(app, db, portal, guidance, field, value):
    secretariat = client_as(app, "secretariat")
    values = {"title": "A title", "body": "Text.", "language": "en", field: value}
    form = secretariat.get(f"{INDEX}/add").forms["guidance-add"]
    if field == "language":
        form["language"].force_value(value)
        values.pop("language")
    for name, given in values.items():
        form[name] = given
    refused = form.submit("save", status=400)
    assert refused.html.find(attrs={"aria-invalid": "true"}) is not None
    commit(portal)
    assert len(portal["review"]["guidance"]) == 1


def test_the_folder_is_created_once_and_closed_to_the_public(portal):
    mechanism = portal["review"]
    folder = ensure_guidance(mechanism)
    assert ensure_guidance(mechanism) is folder
    page = folder.add_page(GuidancePage("Title", "Body", "ar", "secretariat"))
    for node in (folder, page):
        acl = node.__acl__()
        assert acl[-1] == DENY_ALL
        assert not [
            entry
            for entry in acl
            if entry[0] == Allow and entry[1] in (Everyone, Authenticated)
        ]


def test_a_revision_names_the_one_it_was_based_on():
    page = GuidancePage("Title", "One.\n\nTwo\nlines.", "en", "secretariat")
    assert page.paragraphs() == [["One."], ["Two", "lines."]]
    page.revise("New", "Body", "es", "secretariat", base=0)
    assert (page.revision, page.language) == (1, "es")
    with pytest.raises(GuidanceChanged):
        page.revise("Newer", "Body", "es", "secretariat", base=0)
    assert page.title == "New"


def test_a_body_longer_than_a_page_is_refused():
    from sherloc_review.guidance.schemas import MAX_BODY, GuidanceSchema

    body = GuidanceSchema()["body"]
    assert body.deserialize("x" * MAX_BODY)
    with pytest.raises(colander.Invalid):
        body.deserialize("x" * (MAX_BODY + 1))
