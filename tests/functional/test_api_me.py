"""GET /api/v1/me: who the request acts as, by token or by session."""

from sherloc_portal.api.testing import add_account, bearer, issue_token
from sherloc_portal.testing import DEMO_PASSWORD, login

PASSWORD = "correct horse battery staple"


def test_me_describes_a_state_official(testapp, portal, app):
    add_account(
        portal,
        app.registry,
        "focal-xyz",
        PASSWORD,
        fullname="Ana Focal",
        state="FRA",
        state_role="focal",
    )
    token = issue_token(testapp, "focal-xyz", PASSWORD)
    me = testapp.get("/api/v1/me", headers=bearer(token)).json
    assert me == {
        "login": "focal-xyz",
        "fullname": "Ana Focal",
        "roles": [],
        "state": "FRA",
        "state_role": "focal",
    }


def test_me_without_a_state_says_null(testapp, portal, app):
    add_account(portal, app.registry, "staff", PASSWORD, roles=("secretariat",))
    token = issue_token(testapp, "staff", PASSWORD)
    me = testapp.get("/api/v1/me", headers=bearer(token)).json
    assert me["roles"] == ["secretariat"]
    assert me["state"] is None
    assert me["state_role"] is None


def test_anonymous_me_is_a_json_403(testapp):
    response = testapp.get("/api/v1/me", status=403)
    assert response.content_type == "application/json"
    assert response.json["status"] == "error"
    assert response.json["errors"][0]["description"]


def test_garbage_bearer_is_403(testapp):
    testapp.get("/api/v1/me", headers=bearer("garbage"), status=403)
    testapp.get(
        "/api/v1/me", headers={"Authorization": "Basic Zm9vOmJhcg=="}, status=403
    )


def test_bearer_header_wins_over_a_session(testapp, portal, app):
    """A request with a bad bearer token is not rescued by its session cookie."""
    add_account(portal, app.registry, "staff", PASSWORD)
    login(testapp, "staff", PASSWORD)
    assert testapp.get("/api/v1/me").json["login"] == "staff"
    testapp.get("/api/v1/me", headers=bearer("garbage"), status=403)


def test_demo_focal_point_of_france(testapp):
    token = issue_token(testapp, "focal-fra", DEMO_PASSWORD)
    me = testapp.get("/api/v1/me", headers=bearer(token)).json
    assert (me["state"], me["state_role"]) == ("FRA", "focal")
