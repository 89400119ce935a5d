"""Crafted input gets a clear answer, never a 500."""

import json

import pytest

from sherloc_portal.testing import DEMO_PASSWORD, csrf_token, login


@pytest.mark.parametrize(
    ("came_from", "expected"),
    [
        ("/x\r\nSet-Cookie: evil=1", "/"),
        ("/knowledge\x7f", "/"),
        ("/\u202egnp.exe", "/%E2%80%AEgnp.exe"),
        ("/review?x=\u2028", "/review?x=%E2%80%A8"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
    ],
)
def test_language_switch_returns_only_to_a_safe_ascii_local_path(
    testapp, came_from, expected
):
    response = testapp.post(
        "/language",
        {"language": "fr", "came_from": came_from, "csrf_token": csrf_token(testapp)},
        status=303,
    )
    assert response.location == "http://localhost" + expected
    response.location.encode("ascii")


def test_login_returns_to_a_percent_encoded_path(testapp):
    page = testapp.get("/login", params={"came_from": "/knowledge?q=\u2028"})
    form = page.forms["login-form"]
    form["login"] = "secretariat"
    form["password"] = DEMO_PASSWORD
    response = form.submit(status=303)
    assert response.location == "http://localhost/knowledge?q=%E2%80%A8"


@pytest.mark.parametrize("field", ["login", "password"])
def test_a_lone_surrogate_in_the_api_is_a_400(testapp, field):
    body = {"login": "secretariat", "password": DEMO_PASSWORD}
    raw = json.dumps(body).replace(json.dumps(body[field]), '"\\ud800"', 1)
    response = testapp.post(
        "/api/v1/tokens",
        raw,
        headers={"Content-Type": "application/json"},
        status=400,
    )
    assert response.json["errors"][0]["name"] == field


def test_the_security_log_takes_any_text(app, testapp):
    """What a client typed is logged escaped; the chain of hashes holds."""
    from sherloc_portal.accounts.security_log import verify_chain

    login(testapp, "sécrétariat-\u2028", "x", status=200)
    assert verify_chain(app.registry.sherloc_security_log.path).ok


def test_an_overlong_invitation_address_is_a_field_error(app, testapp, outbox):
    """It used to be accepted, then overflow the session cookie: a 500."""
    login(testapp, "secretariat")
    page = testapp.get("/review/officials/DEU/invite")
    form = page.forms["invite"]
    form["login"] = "long-mail"
    form["email"] = "a" * 3400 + "@example.org"
    form["fullname"] = "Long Mail"
    form["role"] = "expert"
    response = form.submit("invite", status=400)
    assert "Longer than maximum length 254" in response.text or "254" in response.text
    assert outbox() == []


_RESPONSES = "/review/countries/KEN/phase-1/responses/UNTOC"


@pytest.mark.parametrize(
    ("method", "path", "data", "status"),
    [
        ("get", f"{_RESPONSES}/answer/I-UNTOC-999", None, 404),
        ("get", f"{_RESPONSES}/answer", None, 404),
        ("get", f"{_RESPONSES}/history/I-UNTOC-5?a=x&b=1", None, 400),
        ("get", f"{_RESPONSES}/history/I-UNTOC-5?a=1&b=99", None, 400),
        ("get", f"{_RESPONSES}/file/nothing-here", None, 404),
        ("get", "/review/search?q=law&state=12", None, 400),
        ("post", f"{_RESPONSES}/copy/I-UNTOC-5", {"revision": "x", "source": "1"}, 400),
        ("post", f"{_RESPONSES}/attach/I-UNTOC-5", {"revision": "x"}, 409),
        ("get", "/review/countries/KEN/phase-1/responses/NOPE", None, 404),
        ("get", "/api/v1/reviews/KEN/phases/x/questionnaires/UNTOC", None, 404),
    ],
)
def test_crafted_questionnaire_requests_get_a_clear_answer(
    app, testapp, method, path, data, status
):
    from sherloc_portal.testing import client_as

    client = client_as(app, "focal-ken")
    if method == "get":
        client.get(path, status=status)
    else:
        token = csrf_token(client)
        client.post(path, {**data, "csrf_token": token}, status=status)


def test_a_large_body_copied_for_retries_is_closed_after_the_request(app, db):
    """pyramid_retry has webob copy a body over 10 KB to a temporary file;
    the portal closes it when the request is over (not the garbage
    collector, which warns)."""
    import io

    seen = []

    def keep(environ, start_response):
        seen.append(environ)  # the very dict the portal changes
        return app(environ, start_response)

    import webtest

    client = webtest.TestApp(keep, extra_environ={"HTTP_HOST": "localhost"})
    client.post("/login", {"login": "x", "password": "y" * 20_000}, status=400)
    body = seen[0]["wsgi.input"]
    assert isinstance(body, io.BufferedRandom) and body.closed
