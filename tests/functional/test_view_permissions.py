"""Whole-app properties read from the introspector: deny by default."""

import json

import pytest
from pyramid.interfaces import IExceptionResponse
from pyramid.request import Request
from pyramid.security import NO_PERMISSION_REQUIRED

from sherloc_portal.security.permissions import Permission
from sherloc_portal.testing import login


def _views(app):
    """``(view introspectable, its permission or None)`` for every view."""
    introspector = app.registry.introspector
    out = []
    for entry in introspector.get_category("views") or []:
        view = entry["introspectable"]
        perms = [
            rel["value"]
            for rel in entry["related"]
            if rel.category_name == "permissions"
        ]
        out.append((view, perms[0] if perms else None))
    return out


def test_default_permission_is_granted_to_nobody(app):
    introspector = app.registry.introspector
    [entry] = introspector.get_category("default permission")
    assert entry["introspectable"]["value"] == Permission.NOBODY


def test_every_view_names_a_permission(app):
    """A view relying on the default permission is unreachable: a bug to catch.

    Exception views (404, 403, errors) are outside Pyramid's default permission.
    """
    missing = [
        f"{view.title} route={view['route_name']} name={view['name']!r}"
        for view, permission in _views(app)
        if permission is None
        and not view["exception_only"]
        and not _is_exception_context(view["context"])
    ]
    assert not missing, "views without an explicit permission:\n" + "\n".join(missing)


def _is_exception_context(context) -> bool:
    if context is IExceptionResponse:
        return True
    return isinstance(context, type) and issubclass(context, BaseException)


def test_public_views_say_so_explicitly(app):
    public = [
        view for view, permission in _views(app) if permission == NO_PERMISSION_REQUIRED
    ]
    assert public, "the language switcher and static assets are public"


def test_static_assets_are_served(testapp):
    response = testapp.get("/static/portal.css")
    assert "focus-visible" in response.text


def test_unknown_path_is_404(testapp):
    testapp.get("/no-such-page", status=404)


def test_unknown_api_path_is_json_404(testapp):
    response = testapp.get("/api/v1/no-such-thing", status=404)
    assert response.json["status"] == "error"


def test_miss_below_a_forbidden_node_looks_forbidden(testapp):
    """/users is confidential: a missing account must not answer 404."""
    missing = testapp.get("/users/no-such-account", status=303)
    existing = testapp.get("/users/admin", status=303)
    assert missing.location == existing.location.replace("admin", "no-such-account")
    assert "/login" in missing.location


def test_a_denial_is_a_security_event(app, testapp):
    path = app.registry.sherloc_security_log.path
    testapp.get("/users", status=303)
    lines = path.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    denied = [e for e in events if e["event"] == "access.denied"]
    assert denied and denied[-1]["path"] == "/users"


@pytest.mark.parametrize("path", ["/knowledge/%FF", "/review/states/%FF"])
def test_undecodable_paths_are_a_400_not_a_500(app, db, path):
    # Sent without webtest's cookie jar, which cannot parse such a URL itself.
    response = Request.blank(path).get_response(app)
    assert response.status_code == 400
    assert "not valid" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/login?came_from=%FF",
        "/knowledge/legislation?state=%FF",
        "/api/v1/states?regional_group=%FF",
    ],
)
def test_undecodable_queries_are_a_400_not_a_500(testapp, path):
    login(testapp, "secretariat")
    response = testapp.get(path, status=400)
    if path.startswith("/api/"):
        assert response.json["status"] == "error"
    else:
        assert "not valid" in response.text
