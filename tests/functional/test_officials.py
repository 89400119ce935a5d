"""Officials of a State: invitation, acceptance, roles, removal, ¶52 volunteering.

Each test creates the accounts it needs through the ``portal`` fixture, so it
does not depend on the demo profile; the mechanism and its States come from
the default profile.
"""

import re

import pytest
import webtest

from sherloc_portal.resources.users import User
from sherloc_portal.testing import DEMO_PASSWORD, commit, csrf_token, login

SIGNATORY = "IRN"  # signed UNTOC, not ratified (shared/data/states.csv)
PARTY_ONLY = "FRA"  # party to UNTOC and all three Protocols
LINK = re.compile(r"https?://\S+?(/invitation/[A-Za-z0-9_\-]+)")


def _client(app):
    return webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )


def _account(app, portal, login_, *, state="", role="", roles=(), active=True):
    users = portal["users"]
    user = users.add_user(User(login_, f"{login_}@example.org", login_.title()))
    user.password_hash = app.registry.sherloc_passwords.hash(DEMO_PASSWORD)
    user.roles = tuple(roles)
    user.state, user.state_role, user.active = state, role, active
    if state:
        portal["review"]["officials"].enrol(user)
    return user


@pytest.fixture
def people(app, portal):
    """A Secretariat officer, an NGO, and officials of three States."""
    _account(app, portal, "sec-b2", roles=("secretariat",))
    _account(app, portal, "ngo-b2", roles=("ngo",))
    _account(app, portal, "focal-b2-fra", state=PARTY_ONLY, role="focal")
    _account(app, portal, "focal-b2-deu", state="DEU", role="focal")
    _account(app, portal, "expert-b2-irn", state=SIGNATORY, role="expert")
    commit(portal)
    return portal


def _as(app, who):
    client = _client(app)
    login(client, who)
    return client


def _page(client, iso3, status=200):
    return client.get(f"/review/officials/{iso3}", status=status)


def _reload(portal):
    """See what requests committed since the fixture's transaction began."""
    commit(portal)
    return portal


def _invite(client, iso3, login_, role="expert", **fields):
    page = client.get(f"/review/officials/{iso3}/invite")
    form = page.forms["invite"]
    form["login"] = login_
    form["email"] = fields.get("email", f"{login_}@gov.example")
    form["fullname"] = fields.get("fullname", "Invited Official")
    form["role"] = role
    return form.submit("invite", status=fields.get("status", 303))


def _links(outbox, to):
    found = []
    for mail in outbox():
        if to in mail["To"]:
            body = mail.get_payload(decode=True).decode()
            found += LINK.findall(body)
    return found


def _accept(client, path, password, status=None):
    """Fill the invitation page's password form; return the response.

    With ``status`` given, a page without that form (a dead link) is returned
    as it is.
    """
    page = client.get(path, status="*")
    form = page.forms.get("invitation-form")
    if form is None and status is not None:
        return page
    for name, fields in form.fields.items():
        if fields[0].attrs.get("type") == "password":
            form[name] = password
    return form.submit("accept", status="*")


def _post(client, iso3, action, status, with_csrf=True, **params):
    if with_csrf:
        params["csrf_token"] = csrf_token(client)
    return client.post(f"/review/officials/{iso3}/{action}", params, status=status)


def test_invited_official_is_inactive_until_the_link_is_used(app, people, outbox):
    secretariat = _as(app, "sec-b2")
    _invite(secretariat, SIGNATORY, "new-irn", role="focal").follow()
    user = _reload(people)["users"]["new-irn"]
    assert (user.active, user.state, user.state_role) == (False, SIGNATORY, "focal")
    assert people["review"]["officials"][SIGNATORY].members["new-irn"] == "focal"
    listed = _page(secretariat, SIGNATORY)
    row = listed.html.find("tr", attrs={"data-login": "new-irn"})
    assert "Invitation pending" in row.text
    [path] = _links(outbox, "new-irn@gov.example")

    newcomer = _client(app)
    login(newcomer, "new-irn", status="*")  # inactive: no session
    _page(newcomer, SIGNATORY, status=303)
    _accept(newcomer, path, "a-long-new-password-1")
    assert _reload(people)["users"]["new-irn"].active

    official = _client(app)
    login(official, "new-irn", "a-long-new-password-1")
    page = _page(official, SIGNATORY)
    assert "new-irn@gov.example" in page.text
    assert "invite-link" not in page.text  # reading is not managing
    official.get(f"/review/officials/{SIGNATORY}/invite", status=403)


def test_resent_invitation_kills_the_old_link(app, people, outbox):
    secretariat = _as(app, "sec-b2")
    _invite(secretariat, SIGNATORY, "late-irn")
    [first] = _links(outbox, "late-irn@gov.example")
    page = _page(secretariat, SIGNATORY)
    page.forms["resend-late-irn"].submit(status=303)
    second = [p for p in _links(outbox, "late-irn@gov.example") if p != first]
    assert len(second) == 1

    _accept(_client(app), first, "a-long-new-password-1", status="dead")
    assert not _reload(people)["users"]["late-irn"].active
    _accept(_client(app), second[0], "a-long-new-password-1")
    assert _reload(people)["users"]["late-irn"].active


def test_resend_is_refused_once_the_invitation_is_accepted(app, people, outbox):
    secretariat = _as(app, "sec-b2")
    _post(secretariat, SIGNATORY, "resend", 400, login="expert-b2-irn")
    _post(secretariat, PARTY_ONLY, "resend", 400, login="expert-b2-irn")
    assert outbox() == []


def test_invite_form_shows_field_errors_and_creates_nothing(app, people, outbox):
    secretariat = _as(app, "sec-b2")
    page = _invite(
        secretariat,
        SIGNATORY,
        "no spaces!",
        email="not-an-address",
        fullname="  ",
        status=400,
    )
    errors = {p["id"] for p in page.html.select(".invalid-feedback")}
    assert errors == {
        "error-invite-login",
        "error-invite-email",
        "error-invite-fullname",
    }
    taken_login = _invite(secretariat, SIGNATORY, "Focal-B2-FRA", status=400)
    assert "already taken" in taken_login.html.find(id="error-invite-login").text
    taken_email = _invite(
        secretariat, SIGNATORY, "fresh", email="expert-b2-irn@example.org", status=400
    )
    assert "already" in taken_email.html.find(id="error-invite-email").text
    assert outbox() == []
    assert "fresh" not in _reload(people)["users"]


def test_role_change_and_removal_apply_on_the_next_request(app, people):
    official = _as(app, "expert-b2-irn")
    _page(official, SIGNATORY)
    _post(official, SIGNATORY, "volunteer", 403)  # experts may not

    secretariat = _as(app, "sec-b2")
    form = _page(secretariat, SIGNATORY).forms["role-expert-b2-irn"]
    form["role"] = "focal"
    form.submit(status=303)
    assert _reload(people)["users"]["expert-b2-irn"].state_role == "focal"
    _post(official, SIGNATORY, "volunteer", 303)  # same session, new role

    _page(secretariat, SIGNATORY).forms["remove-expert-b2-irn"].submit(status=303)
    _page(official, SIGNATORY, status=403)
    user = _reload(people)["users"]["expert-b2-irn"]
    assert (user.state, user.state_role) == ("", "")
    assert "expert-b2-irn" not in people["review"]["officials"][SIGNATORY].members


def test_state_of_an_account_changed_elsewhere_moves_its_access(app, people):
    official = _as(app, "focal-b2-deu")
    _page(official, "DEU")
    user = _reload(people)["users"]["focal-b2-deu"]
    user.state = PARTY_ONLY
    commit(people)
    _page(official, "DEU", status=403)
    _page(official, PARTY_ONLY)


def test_secretariat_registers_a_signatory_as_volunteer(app, people):
    secretariat = _as(app, "sec-b2")
    page = _page(secretariat, SIGNATORY)
    page.forms["volunteer-form"].submit(status=303).follow()
    _reload(people)
    assert people["review"]["states"][SIGNATORY].volunteer is True
    assert people["review"]["officials"][SIGNATORY].volunteer_by == "sec-b2"
    assert "volunteer-status" in _page(secretariat, SIGNATORY).text


def test_focal_point_registers_its_signatory_state_as_volunteer(app, people):
    _account(app, people, "focal-b2-irn", state=SIGNATORY, role="focal")
    commit(people)
    _post(_as(app, "focal-b2-irn"), SIGNATORY, "volunteer", 303)
    assert _reload(people)["review"]["states"][SIGNATORY].volunteer is True


def test_volunteering_is_refused_for_a_state_that_signed_nothing(app, people):
    for who in ("sec-b2", "focal-b2-fra"):
        page = _post(_as(app, who), PARTY_ONLY, "volunteer", 400)
        assert "¶52" in page.html.find(id="officials-error").text
        assert "volunteer-form" not in page.forms
    assert _reload(people)["review"]["states"][PARTY_ONLY].volunteer is False


@pytest.mark.parametrize(
    "path",
    [
        "/review/officials",
        f"/review/officials/{PARTY_ONLY}",
        f"/review/officials/{PARTY_ONLY}/invite",
    ],
)
def test_anonymous_is_sent_to_login(testapp, people, path):
    response = testapp.get(path, status=303)
    assert "/login" in response.location


def test_anonymous_post_is_sent_to_login(testapp, people):
    response = _post(testapp, SIGNATORY, "volunteer", 303)
    assert "/login" in response.location


@pytest.mark.parametrize("who", ["ngo-b2", "focal-b2-deu"])
def test_strangers_are_refused(app, people, who):
    client = _as(app, who)
    _page(client, PARTY_ONLY, status=403)
    client.get(f"/review/officials/{PARTY_ONLY}/invite", status=403)
    client.get("/review/officials", status=403)
    _post(client, PARTY_ONLY, "invite", 403, login="x1", email="x1@e.org")
    _post(client, SIGNATORY, "volunteer", 403)
    _post(client, SIGNATORY, "remove", 403, login="expert-b2-irn")


def test_focal_point_reads_its_state_but_cannot_manage_officials(app, people):
    focal = _as(app, "focal-b2-fra")
    assert "invite-link" not in _page(focal, PARTY_ONLY).text
    focal.get(f"/review/officials/{PARTY_ONLY}/invite", status=403)
    focal.get("/review/officials", status=403)
    _post(focal, PARTY_ONLY, "invite", 403, login="x2", email="x2@e.org")
    _post(focal, PARTY_ONLY, "role", 403, login="focal-b2-fra", role="expert")


def test_unknown_state_is_not_found(app, people):
    _as(app, "sec-b2").get("/review/officials/XYZ", status=404)


def test_state_page_links_to_its_officials(app, people):
    response = _as(app, "focal-b2-fra").get(
        f"/review/states/{PARTY_ONLY}/officials", status=303
    )
    assert response.location.endswith(f"/review/officials/{PARTY_ONLY}/")
    _as(app, "ngo-b2").get(f"/review/states/{PARTY_ONLY}/officials", status=403)


def test_secretariat_sees_every_state_in_the_index(app, people):
    page = _as(app, "sec-b2").get("/review/officials")
    assert f"/review/officials/{SIGNATORY}" in page.text
    assert f"/review/officials/{PARTY_ONLY}" in page.text


@pytest.mark.parametrize(
    ("action", "params"),
    [
        (
            "invite",
            {"login": "x3", "email": "x3@e.org", "fullname": "X", "role": "expert"},
        ),
        ("resend", {"login": "expert-b2-irn"}),
        ("role", {"login": "expert-b2-irn", "role": "focal"}),
        ("remove", {"login": "expert-b2-irn"}),
        ("volunteer", {}),
    ],
)
def test_posts_without_csrf_token_are_refused(app, people, action, params):
    secretariat = _as(app, "sec-b2")
    _post(secretariat, SIGNATORY, action, 400, with_csrf=False, **params)
    _reload(people)
    assert people["users"]["expert-b2-irn"].state_role == "expert"
    assert "x3" not in people["users"]
    assert people["review"]["states"][SIGNATORY].volunteer is False


def test_posts_are_checked_for_csrf_under_https_too(app, people):
    """Over https Pyramid also checks the origin: a forged one is refused."""
    secretariat = _client(app)
    secretariat.extra_environ.update(
        {"wsgi.url_scheme": "https", "HTTP_REFERER": "https://localhost/login"}
    )
    login(secretariat, "sec-b2")
    token = csrf_token(secretariat)
    secretariat.post(
        f"/review/officials/{SIGNATORY}/volunteer",
        {"csrf_token": token},
        headers={"Origin": "https://evil.example"},
        status=400,
    )
    assert _reload(people)["review"]["states"][SIGNATORY].volunteer is False
    secretariat.post(
        f"/review/officials/{SIGNATORY}/volunteer", {"csrf_token": token}, status=303
    )


def test_removing_a_pending_official_kills_the_invitation(app, people, outbox):
    """Someone invited by mistake cannot join after being removed."""
    secretariat = _as(app, "sec-b2")
    _invite(secretariat, SIGNATORY, "oops-irn")
    [link] = _links(outbox, "oops-irn@gov.example")
    page = _post(secretariat, SIGNATORY, "remove", 303, login="oops-irn").follow()
    assert "the invitation sent to them is cancelled" in page.text
    _accept(_client(app), link, "a-long-new-password-1", status="dead")
    assert not _reload(people)["users"]["oops-irn"].active


def test_removing_an_active_official_says_only_that(app, people):
    secretariat = _as(app, "sec-b2")
    page = _post(secretariat, "DEU", "remove", 303, login="focal-b2-deu").follow()
    assert "is no longer an official of this State." in page.text
    assert "invitation" not in page.html.find(class_="flash").text


def test_an_invitation_cancelled_on_the_accounts_page_shows_as_cancelled(
    app, people, outbox
):
    """Not "deactivated": it can be sent again from the officials page."""
    secretariat = _as(app, "sec-b2")
    _invite(secretariat, SIGNATORY, "later-irn")
    token = csrf_token(secretariat)
    secretariat.post("/users/later-irn/cancel-invitation", {"csrf_token": token})
    row = _page(secretariat, SIGNATORY).html.find("tr", {"data-login": "later-irn"})
    assert "Invitation cancelled" in row.text
    assert "Deactivated" not in row.text
    _post(secretariat, SIGNATORY, "resend", 303, login="later-irn")
    [_dead, live] = _links(outbox, "later-irn@gov.example")
    _accept(_client(app), live, "a-long-new-password-1")
    assert _reload(people)["users"]["later-irn"].active


def test_many_invitations_without_reading_the_page_do_not_overflow_the_session(
    app, people, outbox
):
    """Unread messages used to pile up in the session cookie (4 KB at most):
    the eleventh long address failed with a 500 after being committed."""
    secretariat = _as(app, "sec-b2")
    token = csrf_token(secretariat)
    domain = "b" * 60 + "." + "c" * 60 + "." + "d" * 55 + ".org"
    for n in range(15):
        params = {
            "login": f"many-{n}",
            "email": f"{'a' * 62}{n:02d}@{domain}",
            "fullname": "Invited Official",
            "role": "expert",
            "csrf_token": token,
            "invite": "invite",
        }
        secretariat.post(f"/review/officials/{SIGNATORY}/invite", params, status=303)
    assert len(outbox()) == 15
    [shown] = _page(secretariat, SIGNATORY).html.find_all(class_="flash")
    assert f"{'a' * 62}14@" in shown.text
