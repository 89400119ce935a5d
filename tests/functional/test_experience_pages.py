"""The experience of completing the questionnaires through the pages (¶42).

Jordan submitted its responses (demo): its officials draft the text, its
focal point shares it; then every State party's officials read it and
``/review/experiences`` lists it.  Kenya's responses are a draft.
"""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.experience.setup import install

E = "/review/countries/JOR/phase-1/experience"
LIST = "/review/experiences"
TEXT = "We gathered the ministries in one working group. Marker-7f3a."


@pytest.fixture
def index(portal):
    install(portal["review"], lambda *args: None)
    commit(portal)


def _save(client, text=TEXT, status=303):
    form = client.get(E).forms["experience-form"]
    form["text"] = text
    return form.submit(status=status)


def _share(client, confirm=True, status=303):
    form = client.get(E).forms["share-form"]
    if confirm:
        form["confirm"] = True
    return form.submit(status=status)


def _shared(app):
    _save(client_as(app, "expert-jor"))
    _share(client_as(app, "focal-jor"))


def test_officials_draft_and_the_focal_point_shares(app, db, index):
    expert = client_as(app, "expert-jor")
    assert expert.get(E).html.find(id="no-text")
    _save(expert)
    page = client_as(app, "focal-jor").get(E)
    assert TEXT in page.html.find(id="experience-text").text
    assert page.html.find(id="sharing")["data-shared"] == "no"
    assert "share-form" not in expert.get(E).forms  # the focal point's act
    _share(client_as(app, "focal-jor"))
    assert (
        client_as(app, "focal-jor").get(E).html.find(id="sharing")["data-shared"]
        == "yes"
    )


@pytest.mark.parametrize("who", ["focal-ken", "focal-fra", "ngo-demo", "chair-demo"])
def test_before_sharing_only_the_state_and_the_secretariat_read(app, db, index, who):
    _save(client_as(app, "expert-jor"))
    client_as(app, who).get(E, status=403)
    assert TEXT in client_as(app, "secretariat").get(E).text


@pytest.mark.parametrize("who", ["focal-ken", "expert-fra", "secretariat"])
def test_once_shared_every_state_partys_officials_read_it(app, db, index, who):
    _shared(app)
    page = client_as(app, who).get(E)
    assert TEXT in page.text
    for form in ("experience-form", "share-form", "unshare-form"):
        assert not page.html.find(id=form)  # nothing to write or share
    listed = client_as(app, who).get(LIST)
    rows = listed.html.find(id="experiences").find_all("tr", attrs={"data-key": True})
    assert [r["data-key"] for r in rows] == ["JOR/1"]
    assert rows[0].find("a")["href"].endswith(E)


@pytest.mark.parametrize("who", ["ngo-demo", "chair-demo", "admin"])
def test_others_never_read_it_nor_the_list(app, db, index, who):
    _shared(app)
    client_as(app, who).get(E, status=403)
    client_as(app, who).get(LIST, status=403)


def test_anonymous_is_sent_to_log_in(app, db, index, testapp):
    _shared(app)
    testapp.get(E, status=303)
    testapp.get(LIST, status=303)


def test_stopping_sharing_closes_it_again(app, db, index):
    _shared(app)
    focal = client_as(app, "focal-jor")
    form = focal.get(E).forms["unshare-form"]
    assert form.submit(status=400).html.find(id="error-confirm")  # not confirmed
    form["confirm"] = True
    form.submit(status=303)
    client_as(app, "focal-ken").get(E, status=403)
    assert client_as(app, "focal-ken").get(LIST).html.find(id="none-shared")


def test_sharing_needs_a_confirmation(app, db, index):
    _save(client_as(app, "expert-jor"))
    page = _share(client_as(app, "focal-jor"), confirm=False, status=400)
    assert page.html.find(id="error-confirm")
    client_as(app, "focal-ken").get(E, status=403)


def test_a_stale_save_comes_back_with_both_texts(app, db, index):
    expert, focal = client_as(app, "expert-jor"), client_as(app, "focal-jor")
    _save(expert, "First.")
    form = expert.get(E).forms["experience-form"]
    _save(focal, "The focal point's version.")
    form["text"] = "The expert's version."
    page = form.submit(status=409)
    assert "The focal point's version." in page.html.find(id="conflict").text
    assert page.forms["experience-form"]["text"].value == "The expert's version."
    # Saved again over what it now saw, it lands.
    page.forms["experience-form"].submit(status=303)
    assert "The expert's version." in focal.get(E).text


def test_sharing_a_version_not_read_is_refused(app, db, index):
    _save(client_as(app, "expert-jor"), "First.")
    form = client_as(app, "focal-jor").get(E).forms["share-form"]
    _save(client_as(app, "expert-jor"), "Changed meanwhile.")
    form["confirm"] = True
    page = form.submit(status=409)
    assert "Changed meanwhile." in page.text
    client_as(app, "focal-ken").get(E, status=403)


def test_refused_acts(app, db, index):
    _save(client_as(app, "expert-jor"))
    for who in ("focal-fra", "focal-ken", "ngo-demo"):
        client = client_as(app, who)
        token = csrf_token(client)
        for action in ("save", "share", "unshare"):
            fields = {
                "csrf_token": token,
                "text": "x",
                "revision": "1",
                "confirm": "yes",
            }
            client.post(f"{E}/{action}", fields, status=403)
    expert = client_as(app, "expert-jor")
    token = csrf_token(expert)
    expert.post(
        f"{E}/share",
        {"csrf_token": token, "revision": "1", "confirm": "yes"},
        status=403,
    )
    client_as(app, "focal-jor").post(
        f"{E}/save", {"text": "x", "revision": "1"}, status=400
    )  # no CSRF token
    page = expert.post(
        f"{E}/save",
        {"csrf_token": token, "text": "x", "revision": "\u0661"},
        status=400,
    )
    assert page.html.find(id="error-text")


def test_drafting_waits_for_the_responses(app, db, index):
    kenya = "/review/countries/KEN/phase-1/experience"
    focal = client_as(app, "focal-ken")
    page = focal.get(kenya)
    assert page.html.find(id="not-yet") and "experience-form" not in page.forms
    token = csrf_token(focal)
    page = focal.post(
        f"{kenya}/save", {"csrf_token": token, "text": "x", "revision": "0"}, status=400
    )
    assert page.html.find(id="error-form")


def test_a_save_after_sharing_is_the_others_only_once_shared_again(
    app, db, index, portal
):
    """¶42 is the State's decision: an expert's later save does not reach
    the other States parties until the focal point shares again."""
    from sherloc_review.experience.acts import save, share

    experience = portal["review"]["countries"]["JOR"].phases[1].experience
    save(experience, "Shared text.", "expert-jor", 0, 1.0)
    share(portal["review"], experience, "focal-jor", 1, date(2027, 1, 15), 2.0)
    save(experience, "Later draft.", "expert-jor", 1, 3.0)
    commit(portal)
    path = "/review/countries/JOR/phase-1/experience"
    other = client_as(app, "focal-fra").get(path)
    assert "Shared text." in other.text and "Later draft." not in other.text
    own = client_as(app, "focal-jor").get(path)
    assert "Later draft." in own.text and own.html.find(id="newer")
    form = own.forms["share-form"]
    form["confirm"].checked = True
    form.submit(status=303)
    assert "Later draft." in client_as(app, "focal-fra").get(path).text
