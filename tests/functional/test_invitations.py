"""Invitations and the /users management page."""

import time

import pytest

from sherloc_portal.accounts.testing import add_user, link_path
from sherloc_portal.resources import onetime
from sherloc_portal.testing import commit, csrf_token, login

PASSWORD = "invited-person-password"


@pytest.fixture
def secretariat(app, portal, testapp):
    add_user(app, portal, "sec", roles=("secretariat",))
    login(testapp, "sec")


def _invite(testapp, status=303, roles=(), **values):
    page = testapp.get("/users")
    form = page.forms["invite-form"]
    fields = {"login": "dana", "email": "dana@example.org", "fullname": "Dana D."}
    fields.update(values)
    for name, value in fields.items():
        form[name] = value
    offered = _offered_roles(page)
    for role in roles:
        form.get("checkbox", index=offered.index(role)).checked = True
    return form.submit("invite", status=status)


def _offered_roles(page) -> list[str]:
    return [
        box["value"] for box in page.html.select("#invite-form input[name=checkbox]")
    ]


def _accept(browser, path, password=PASSWORD, status=303):
    form = browser.get(path).forms["invitation-form"]
    form["new_password"] = password
    form["confirm_password"] = password
    return form.submit("accept", status=status)


def _fresh(testapp):
    import webtest

    return webtest.TestApp(testapp.app, extra_environ=dict(testapp.extra_environ))


ACTIONS = ("resend-invitation", "cancel-invitation", "deactivate", "reactivate")


def test_users_pages_send_anonymous_visitors_to_login(app, portal, testapp):
    add_user(app, portal, "plain")
    response = testapp.get("/users", status=303)
    assert "/login" in response.location
    token = csrf_token(testapp)
    for action in ACTIONS:
        response = testapp.post(
            f"/users/plain/{action}", {"csrf_token": token}, status=303
        )
        assert "/login" in response.location


def test_users_pages_are_forbidden_to_a_plain_user(app, portal, testapp):
    add_user(app, portal, "plain")
    add_user(app, portal, "other", active=False)
    login(testapp, "plain")
    testapp.get("/users", status=403)
    token = csrf_token(testapp)
    for action in ACTIONS:
        for target in ("plain", "other"):
            testapp.post(f"/users/{target}/{action}", {"csrf_token": token}, status=403)


def test_invitation_flow(app, portal, testapp, outbox, secretariat):
    _invite(testapp, roles=("ngo",))
    listing = testapp.get("/users")
    assert "The invitation to dana has been sent." in listing.text
    row = listing.html.find(id="account-dana")
    assert "Invitation pending" in row.text
    [mail] = outbox()
    assert mail["To"] == "dana@example.org"
    path = link_path(mail)
    assert path.startswith("/invitation/")

    invited = _fresh(testapp)
    login(invited, "dana", PASSWORD, status=200)  # not active yet
    page = invited.get(path)
    assert "Sec invited you" in " ".join(page.html.find("main").get_text().split())
    assert "Non-governmental organization" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    _accept(invited, path)
    account = invited.get("/account")
    assert "Your account is active" in account.text
    assert "dana@example.org" in account.text
    # The link is used up.
    _fresh(testapp).get(path, status=410)
    assert "Active" in testapp.get("/users").html.find(id="account-dana").text


def test_resend_kills_the_old_link(testapp, outbox, secretariat):
    _invite(testapp)
    listing = testapp.get("/users")
    resend = next(
        f
        for f in listing.forms.values()
        if f.action.endswith("/dana/resend-invitation")
    )
    assert "previous link no longer works" in resend.submit().follow().text
    first, second = (link_path(m) for m in outbox())
    assert first != second
    _fresh(testapp).get(first, status=410)
    _accept(_fresh(testapp), second)


def test_an_expired_invitation_is_refused(
    app, testapp, outbox, secretariat, monkeypatch
):
    _invite(testapp)
    path = link_path(outbox()[0])
    later = time.time() + app.registry.sherloc_settings.invitation_max_age + 1
    monkeypatch.setattr(onetime.time, "time", lambda: later)
    page = _fresh(testapp).get(path, status=410)
    assert "Ask the person who invited you" in page.text


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"login": "Not valid!"}, "login", "Use only the characters"),
        ({"login": "sec"}, "login", "This login is already taken."),
        ({"email": "not-an-email"}, "email", "valid e-mail address"),
        ({"email": "SEC@example.org"}, "email", "already uses this e-mail"),
        ({"fullname": ""}, "fullname", "Required"),
    ],
)
def test_invite_form_field_errors(testapp, outbox, secretariat, values, field, message):
    page = _invite(testapp, status=200, **values)
    node = page.html.find(id=f"invite-form-{field}")
    assert node["aria-invalid"] == "true"
    assert message in page.html.find(id=node["aria-describedby"]).text
    assert outbox() == []


def test_only_administrators_may_invite_administrators(
    app, portal, testapp, secretariat
):
    offered = _offered_roles(testapp.get("/users"))
    assert "admin" not in offered
    assert "secretariat" in offered
    add_user(app, portal, "root", roles=("admin",))
    admin = _fresh(testapp)
    login(admin, "root")
    assert "admin" in _offered_roles(admin.get("/users"))


def test_deactivation_ends_sessions_and_reactivation_restores(
    app, portal, testapp, secretariat
):
    add_user(app, portal, "erin")
    erin = _fresh(testapp)
    login(erin, "erin")
    token = csrf_token(testapp)
    testapp.post("/users/erin/deactivate", {"csrf_token": token}, status=303)
    erin.get("/account", status=303)
    login(_fresh(testapp), "erin", status=200)
    assert "Deactivated" in testapp.get("/users").html.find(id="account-erin").text
    testapp.post("/users/erin/reactivate", {"csrf_token": token}, status=303)
    login(_fresh(testapp), "erin")


def test_nobody_deactivates_themselves(testapp, secretariat):
    token = csrf_token(testapp)
    page = testapp.post("/users/sec/deactivate", {"csrf_token": token}).follow()
    assert "You cannot deactivate your own account." in page.text
    testapp.get("/account", status=200)


def test_the_list_is_paged(app, portal, testapp, secretariat):
    from sherloc_portal.accounts.manage import PAGE_SIZE
    from sherloc_portal.resources.users import User
    from sherloc_portal.testing import commit

    for n in range(PAGE_SIZE + 5):
        portal["users"].add_user(User(f"user-{n:03d}", f"u{n}@example.org"))
    commit(portal)
    first = testapp.get("/users")
    assert len(first.html.select("tbody tr")) == PAGE_SIZE
    second = first.click(href="start=50")
    assert 0 < len(second.html.select("tbody tr")) <= PAGE_SIZE


def test_invite_itself_refuses_the_admin_role_to_non_administrators(
    app, portal, testapp, secretariat
):
    """The check holds for callers other than the form (the API, add-ons)."""
    from pyramid.scripting import prepare

    from sherloc_portal.accounts.invitations import InvitationRefused, invite

    env = prepare(registry=app.registry)
    request = env["request"]
    request.__dict__["principals"] = ["system.Everyone", "role:secretariat"]
    try:
        with pytest.raises(InvitationRefused) as refused:
            invite(
                request,
                login="mallory",
                email="m@example.org",
                fullname="M",
                roles=("admin",),
            )
    finally:
        env["closer"]()
    assert refused.value.field == "roles"


def _action(testapp, login, name):
    listing = testapp.get("/users")
    return next(
        f for f in listing.forms.values() if f.action.endswith(f"/{login}/{name}")
    )


@pytest.mark.parametrize("how", ["cancel-invitation", "deactivate"])
def test_a_cancelled_invitation_link_no_longer_works(testapp, outbox, secretariat, how):
    """An invitation sent to a wrong address can be withdrawn before use."""
    _invite(testapp)
    # The page offers "cancel"; a deactivation posted anyway cancels too.
    page = testapp.post(
        f"/users/dana/{how}", {"csrf_token": csrf_token(testapp)}, status=303
    ).follow()
    assert "cancelled" in page.text
    assert "Invitation cancelled" in page.html.find(id="account-dana").text
    _fresh(testapp).get(link_path(outbox()[0]), status=410)
    # It can be sent again, to start over.
    _action(testapp, "dana", "resend-invitation").submit().follow()
    _accept(_fresh(testapp), link_path(outbox()[-1]))


def test_the_secretariat_cannot_act_on_an_administrator_account(
    app, portal, testapp, secretariat
):
    add_user(app, portal, "root-admin", roles=("admin",))
    add_user(app, portal, "new-admin", password="", active=False, roles=("admin",))
    token = csrf_token(testapp)
    for account in ("root-admin", "new-admin"):
        for name in ACTIONS:
            testapp.post(f"/users/{account}/{name}", {"csrf_token": token}, status=403)
    login(_fresh(testapp), "root-admin")  # still active
    commit(portal)  # see what the requests committed
    assert not portal["users"]["new-admin"].invitation_cancelled


def test_the_secretariat_is_not_offered_buttons_on_an_administrator(
    app, portal, testapp, secretariat
):
    add_user(app, portal, "aa-admin", roles=("admin",))
    row = testapp.get("/users").html.find(id="account-aa-admin")
    assert row.find("form") is None
