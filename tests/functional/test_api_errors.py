"""Bad input to the API: always cornice's JSON error body, never a traceback."""

import pytest

from sherloc_portal.api.testing import bearer
from sherloc_portal.api.validation import MAX_BODY


def _errors(response) -> list[dict]:
    assert response.content_type == "application/json"
    assert response.json["status"] == "error"
    errors = response.json["errors"]
    assert errors
    for error in errors:
        assert set(error) == {"location", "name", "description"}
        assert error["description"]
    return errors


def _post(testapp, body: bytes, content_type="application/json", status=400, **kw):
    return testapp.post(
        "/api/v1/tokens", body, content_type=content_type, status=status, **kw
    )


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", b"[1, 2]", b'"a string"', b"null", b"42"],
    ids=["malformed", "not-utf8", "array", "string", "null", "number"],
)
def test_a_body_that_is_not_a_json_object_is_400(testapp, body):
    [error] = _errors(_post(testapp, body))
    assert error["location"] == "body"


def test_missing_fields_are_named(testapp):
    errors = _errors(_post(testapp, b"{}"))
    assert {(e["location"], e["name"]) for e in errors} == {
        ("body", "login"),
        ("body", "password"),
    }


def test_wrong_types_are_named_not_coerced(testapp):
    errors = _errors(_post(testapp, b'{"login": ["alice"], "password": 12345}'))
    assert {e["name"] for e in errors} == {"login", "password"}


def test_overlong_fields_are_refused(testapp):
    body = b'{"login": "%s", "password": "x"}' % (b"a" * 300)
    [error] = _errors(_post(testapp, body))
    assert error["name"] == "login"


def test_huge_body_is_refused(testapp):
    body = b'{"login": "%s"}' % (b"a" * (MAX_BODY + 1))
    response = _post(testapp, body, status=413)
    # pyramid_retry copied the body to a temporary file nobody closes; close
    # it here or its ResourceWarning fails a later test.
    response.request.environ["wsgi.input"].close()
    [error] = _errors(response)
    assert error["location"] == "body"


def test_form_body_without_cookie_or_token_is_a_csrf_refusal(testapp):
    """A form post is what another site can forge: CSRF applies to it."""
    response = _post(
        testapp, b"login=a&password=b", "application/x-www-form-urlencoded"
    )
    [error] = _errors(response)
    assert error["name"] == "X-CSRF-Token"


def test_non_json_body_with_a_bearer_token_is_415(testapp):
    response = _post(
        testapp, b"login=a", "text/plain", status=415, headers=bearer("whatever")
    )
    [error] = _errors(response)
    assert error["name"] == "Content-Type"


def test_messages_follow_the_request_language(testapp):
    errors = _errors(_post(testapp, b"{}", headers={"Accept-Language": "fr"}))
    assert {e["description"] for e in errors} == {"Requis"}


def test_unknown_api_path_is_a_json_404(testapp):
    _errors(testapp.get("/api/v1/no/such/thing", status=404))
    _errors(testapp.post_json("/api/v1/nothing-here", {}, status=404))


def test_wrong_method_is_a_json_405_with_allow(testapp):
    response = testapp.put_json("/api/v1/tokens", {}, status=405)
    [error] = _errors(response)
    assert error["location"] == "method"
    assert response.headers["Allow"] == "POST"


def test_forbidden_is_json(testapp):
    _errors(testapp.get("/api/v1/me", status=403))
