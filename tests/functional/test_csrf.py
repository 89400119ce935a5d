"""CSRF on every unsafe request (also under https), and the session cookie's flags."""

import pytest
import webtest

from sherloc_portal.accounts.testing import add_user
from sherloc_portal.testing import DEMO_PASSWORD, csrf_token, login

HTTPS = {
    "wsgi.url_scheme": "https",
    "HTTP_HOST": "localhost",
    "REMOTE_ADDR": "10.0.0.1",
}


@pytest.fixture
def alice(app, portal):
    # Secretariat, so that every form below is one she may use.
    return add_user(app, portal, "alice", roles=("secretariat",))


@pytest.fixture
def secure_app(app, db):
    return webtest.TestApp(app, extra_environ=HTTPS)


def _login_post(testapp, **headers):
    token = csrf_token(testapp)
    return testapp.post(
        "/login",
        {
            "csrf_token": token,
            "login": "alice",
            "password": DEMO_PASSWORD,
            "submit": "",
        },
        headers=headers,
        expect_errors=True,
    )


def test_login_post_without_token_is_refused(testapp, alice):
    testapp.get("/login")
    testapp.post("/login", {"login": "alice", "password": DEMO_PASSWORD}, status=400)
    testapp.get("/account", status=303)


def test_login_post_with_a_wrong_token_is_refused(testapp, alice):
    testapp.get("/login")
    testapp.post(
        "/login",
        {"login": "alice", "password": DEMO_PASSWORD, "csrf_token": "forged"},
        status=400,
    )


@pytest.mark.parametrize(
    "path",
    [
        "/account",
        "/users",
        "/password-reset",
        "/logout",
        "/review/draws/prepare",
        "/review/draws/1/run",
        "/review/countries/FRA/request-redraw",
        "/review/countries/FRA/decide",
        "/review/cycle/open-phase",
        "/review/cycle/override",
        "/review/cycle/amend",
        "/review/cycle/calendar",
        "/review/cycle/sessions/add",
        "/review/cycle/sessions/1/add-paper",
        "/review/countries/KEN/phase-1/advance",
        "/review/countries/KEN/phase-1/terms",
        "/review/countries/KEN/phase-1/agree",
        "/review/countries/KEN/phase-1/responses/UNTOC/answer/I-UNTOC-15",
        "/review/countries/KEN/phase-1/responses/UNTOC/attach/I-UNTOC-15",
        "/review/countries/KEN/phase-1/responses/UNTOC/copy/I-UNTOC-15",
        "/review/countries/KEN/phase-1/responses/UNTOC/submit",
        "/review/countries/KEN/phase-1/responses/UNTOC/import",
        "/review/countries/ITA/phase-1/responses/UNTOC/publish",
        "/review/countries/ITA/phase-1/responses/UNTOC/withdraw",
        "/review/guidance/add",
    ],
)
def test_every_form_refuses_a_post_without_token(testapp, alice, path):
    login(testapp, "alice")
    testapp.post(path, {"anything": "x"}, status=400)


def test_https_with_a_foreign_origin_is_refused(secure_app, alice):
    response = _login_post(secure_app, Origin="https://evil.example")
    assert response.status_int == 400
    secure_app.get("/account", status=303)


def test_https_with_a_foreign_referer_is_refused(secure_app, alice):
    response = _login_post(secure_app, Referer="https://evil.example/page")
    assert response.status_int == 400


def test_https_with_a_matching_origin_is_accepted(secure_app, alice):
    response = _login_post(secure_app, Origin="https://localhost")
    assert response.status_int == 303
    secure_app.get("/account", status=200)


def test_https_with_a_matching_referer_is_accepted(secure_app, alice):
    response = _login_post(secure_app, Referer="https://localhost/login")
    assert response.status_int == 303


def _session_cookie(response) -> str:
    [cookie] = [
        value
        for name, value in response.headerlist
        if name == "Set-Cookie" and value.startswith("sherloc_session=")
    ]
    return cookie


def test_the_session_cookie_is_httponly_and_samesite_lax(testapp):
    flags = _session_cookie(testapp.get("/login")).lower()
    assert "httponly" in flags
    assert "samesite=lax" in flags


def test_the_session_cookie_is_secure_when_configured(request, app, tmp_path):
    from sherloc_portal import main
    from sherloc_portal.testing import make_settings

    settings = make_settings(
        request.config.getoption("--ini"),
        tmp_path,
        **{"zodbconn.uri": "memory://", "sherloc.secure_cookies": "true"},
    )
    secure = webtest.TestApp(main({}, **settings), extra_environ=HTTPS)
    try:
        flags = _session_cookie(secure.get("/login")).lower()
    finally:
        secure.app.registry.zodb.close()
    assert "secure" in flags
    assert "httponly" in flags
    assert "samesite=lax" in flags


def test_csrf_is_checked_before_permission(app, portal, testapp):
    """A forged POST is refused as forged, even where the user may not post."""
    add_user(app, portal, "carol")
    login(testapp, "carol")
    response = testapp.post("/users", {"login": "x"}, status=400)
    assert "CSRF" in response.text or "csrf" in response.text
