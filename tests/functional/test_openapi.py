"""The served OpenAPI document describes every service, and real answers match it.

Each documented operation has sample requests below; every answer's status
must be documented for that operation and its body must validate against
the document's schema (OpenAPI 3.1 schemas are JSON Schema 2020-12).
"""

import jsonschema
import pytest
from pyramid.security import NO_PERMISSION_REQUIRED
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from sherloc_portal.api import API_PREFIX
from sherloc_portal.api.testing import add_account, bearer, issue_token
from sherloc_portal.testing import DEMO_PASSWORD, commit
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import start_thread
from sherloc_review.responses import attachments

PASSWORD = "correct horse battery staple"
DOC_URI = "urn:sherloc:openapi"
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture
def document(testapp):
    response = testapp.get(f"{API_PREFIX}/openapi.json", status=200)
    assert response.content_type == "application/json"
    return response.json


@pytest.fixture
def tokens(testapp, portal, app):
    """Bearer tokens of a plain account and of the demo profile's accounts."""
    add_account(portal, app.registry, "plain", PASSWORD)
    found = {"plain": issue_token(testapp, "plain", PASSWORD)}
    for login in ("secretariat", "ngo-demo", "focal-fra", "focal-ken"):
        found[login] = issue_token(testapp, login, DEMO_PASSWORD)
    return found


def _routes(app) -> dict[str, set[str]]:
    """Registered API route patterns (below the prefix) → their methods."""
    introspector = app.registry.introspector
    prefix = API_PREFIX.strip("/")
    routes = {}
    for entry in introspector.get_category("routes") or []:
        route = entry["introspectable"]
        pattern = "/" + route["pattern"].lstrip("/")
        if not pattern.startswith(f"/{prefix}/"):
            continue
        methods = set()
        for related in entry["related"]:
            if related.category_name == "views":
                methods.update(_methods(related))
        routes[pattern[len(prefix) + 1 :]] = methods - {"head", "options"}
    return routes


def test_document_is_openapi_3_1_with_a_bearer_scheme(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": API_PREFIX}]
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}


def test_every_schema_is_valid_json_schema(document):
    """OpenAPI 3.1 schemas are JSON Schema 2020-12: check each one is."""
    schemas = list(document["components"]["schemas"].values())
    for item in document["paths"].values():
        for _method, operation in _operations(item):
            schemas += [p["schema"] for p in operation.get("parameters", [])]
            for answer in operation["responses"].values():
                schemas += [c["schema"] for c in answer.get("content", {}).values()]
    assert len(schemas) > 10
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)


def test_document_is_public(testapp):
    testapp.get(f"{API_PREFIX}/openapi.json", headers=bearer("garbage"), status=200)


def test_every_registered_api_route_and_method_is_documented(app, document):
    routes = _routes(app)
    assert {"/tokens", "/tokens/current", "/me", "/openapi.json"} <= set(routes)
    for path, methods in routes.items():
        assert path in document["paths"], f"{path} is not documented"
        documented = {m for m in document["paths"][path] if m in METHODS}
        assert documented == methods, path


def test_every_operation_documents_security_and_errors(app, document):
    permissions = _permissions(app)
    for path, item in document["paths"].items():
        for method, operation in _operations(item):
            assert operation["summary"], (path, method)
            responses = operation["responses"]
            assert any(s.startswith("2") for s in responses), (path, method)
            for response in responses.values():
                assert response["description"]
            public = permissions[path, method] == NO_PERMISSION_REQUIRED
            assert operation["security"] == ([] if public else [{"bearer": []}])
            if not public:
                assert "403" in responses, (path, method)
            if "requestBody" in operation or "parameters" in operation:
                assert "400" in responses, (path, method)


def _operations(item: dict):
    return [(m, op) for m, op in item.items() if m in METHODS]


def _permissions(app) -> dict[tuple[str, str], str]:
    """(path below the prefix, method) → the view's permission."""
    introspector = app.registry.introspector
    prefix = API_PREFIX.strip("/")
    out = {}
    for entry in introspector.get_category("views") or []:
        view = entry["introspectable"]
        route = view["route_name"] and introspector.get("routes", view["route_name"])
        if not route or not _methods(view):
            continue
        pattern = "/" + route["pattern"].lstrip("/")
        if not pattern.startswith(f"/{prefix}/"):
            continue
        perms = [
            r["value"] for r in entry["related"] if r.category_name == "permissions"
        ]
        for method in _methods(view):
            out[pattern[len(prefix) + 1 :], method] = perms[0] if perms else None
    return out


def _methods(view) -> set[str]:
    """A view's request methods, lower case (Pyramid keeps a str or a tuple)."""
    methods = view["request_methods"] or ()
    if isinstance(methods, str):
        methods = (methods,)
    return {m.lower() for m in methods}


# -- real answers against the document ------------------------------------

#: (method, path, who, body or query) → expected status.  Every documented
#: operation must appear; add samples with each new service.
QUESTIONNAIRE = "/reviews/{iso3}/phases/{n}/questionnaires/{instrument}"
ANSWER = QUESTIONNAIRE + "/answers/{question_id}"
SUBMIT = QUESTIONNAIRE + "/submit"
THREADS = "/reviews/{iso3}/phases/{n}/threads"
MESSAGES = THREADS + "/{id}/messages"
READ = THREADS + "/{id}/read"
OBSERVATIONS = "/reviews/{iso3}/phases/{n}/observations"
APPROVALS = OBSERVATIONS + "/approvals"
RECORD = {"held_on": "2027-01-10", "kind": "call", "participants": "KEN, TUN"}
REGISTRATIONS = "/dialogues/{id}/registrations"  # the demo's open dialogue 1
APPLICATION = {
    "kind": "academia",
    "organisation": {
        "name": "Sample University",
        "contact_name": "Sam Ple",
        "contact_email": "sample@university.example.org",
    },
    "representatives": ["Sam Ple"],
}

SAMPLES = [
    ("post", "/tokens", None, {"login": "plain", "password": PASSWORD}, 201),
    ("post", "/tokens", None, {"login": "plain", "password": "wrong"}, 401),
    ("post", "/tokens", None, {"login": 1}, 400),
    ("get", "/me", "plain", None, 200),
    ("get", "/me", "focal-fra", None, 200),
    ("get", "/me", None, None, 403),
    ("delete", "/tokens/current", "plain", None, 204),
    ("delete", "/tokens/current", None, None, 403),
    ("get", "/openapi.json", None, None, 200),
    ("get", "/states", "secretariat", None, 200),
    ("get", "/states", "focal-fra", {"regional_group": "WEOG"}, 200),
    ("get", "/states", "secretariat", {"instrument": "SOM", "status": "party"}, 200),
    ("get", "/states", "secretariat", {"regional_group": "MARS"}, 400),
    ("get", "/states", "ngo-demo", None, 403),
    ("get", "/states", None, None, 403),
    ("get", "/draws/{id}", "focal-fra", None, 200),
    ("get", "/draws/{id}", "secretariat", None, 200),
    ("get", "/draws/{id}", "ngo-demo", None, 403),
    ("post", "/draws", "secretariat", {"seed": "openapi-sample"}, 201),
    ("post", "/draws", "secretariat", {"seed": 5}, 400),
    ("post", "/draws", "secretariat", {"seed": "x", "colour": "red"}, 400),
    ("post", "/draws", "focal-fra", {"seed": "x"}, 403),
    ("get", "/reviews/{iso3}", "focal-fra", None, 200),
    ("get", "/reviews/{iso3}", "secretariat", None, 200),
    ("get", "/reviews/{iso3}", "ngo-demo", None, 403),
    ("get", "/reviews/{iso3}", None, None, 403),
    ("get", "/cycle", "focal-fra", None, 200),
    ("get", "/cycle", "secretariat", None, 200),
    ("get", "/cycle", "ngo-demo", None, 403),
    ("get", "/cycle", None, None, 403),
    ("post", "/cycle/reminders", "secretariat", {}, 200),
    ("post", "/cycle/reminders", "focal-fra", {}, 403),
    ("post", "/cycle/reminders", None, {}, 403),
    ("post", "/cycle/dialogue-digest", "secretariat", {}, 200),
    ("post", "/cycle/dialogue-digest", "focal-fra", {}, 403),
    ("post", "/cycle/constructive-dialogues", "secretariat", {}, 200),
    ("post", "/cycle/constructive-dialogues", "focal-fra", {}, 403),
    ("get", "/dialogues", None, None, 200),
    ("get", "/dialogues", "ngo-demo", None, 200),
    ("post", REGISTRATIONS, None, APPLICATION, 201),
    ("post", REGISTRATIONS, "ngo-demo", APPLICATION, 201),
    ("post", REGISTRATIONS, None, {**APPLICATION, "kind": 5}, 400),
    ("post", REGISTRATIONS, "focal-fra", APPLICATION, 403),
    ("get", "/status", None, None, 200),
    ("get", "/status", "ngo-demo", None, 200),
    ("get", QUESTIONNAIRE, "focal-ken", None, 200),
    ("get", QUESTIONNAIRE, "secretariat", None, 200),
    ("get", QUESTIONNAIRE, "focal-fra", None, 403),  # a draft (¶40: once submitted)
    ("get", QUESTIONNAIRE, "ngo-demo", None, 403),
    ("get", QUESTIONNAIRE, None, None, 403),
    ("put", ANSWER, "focal-ken", {"revision": 0, "closed": "yes", "text": "x"}, 200),
    ("put", ANSWER, "focal-ken", {"revision": 7, "closed": "yes"}, 409),
    ("put", ANSWER, "focal-ken", {"revision": 0, "closed": "maybe"}, 400),
    ("put", ANSWER, "focal-fra", {"revision": 0, "closed": "yes"}, 403),
    ("post", SUBMIT, "focal-ken", {"key": "openapi-sample"}, 200),
    ("post", SUBMIT, "focal-ken", {"key": "short"}, 400),
    ("post", SUBMIT, "focal-fra", {"key": "openapi-sample"}, 403),
    ("get", THREADS, "focal-ken", None, 200),
    ("get", THREADS, "secretariat", {"page": "2", "limit": "10"}, 200),
    ("get", THREADS, "focal-ken", {"limit": "1000"}, 400),
    ("get", THREADS, "focal-fra", None, 403),  # not a party to Kenya's review
    ("get", THREADS, None, None, 403),
    ("post", THREADS, "focal-ken", {"title": "t", "text": "x"}, 201),
    (
        "post",
        THREADS,
        "secretariat",
        {"title": "t", "text": "x", "record": RECORD},
        201,
    ),
    ("post", THREADS, "focal-ken", {"title": 5, "text": "x"}, 400),
    ("post", THREADS, "ngo-demo", {"title": "t", "text": "x"}, 403),
    ("get", MESSAGES, "focal-ken", None, 200),
    ("get", MESSAGES, "secretariat", {"after": "1", "limit": "5"}, 200),
    ("get", MESSAGES, "focal-ken", {"after": "-1"}, 400),
    ("get", MESSAGES, "focal-fra", None, 403),
    ("post", MESSAGES, "focal-ken", {"text": "x", "reply_to": 1}, 201),
    ("post", MESSAGES, "focal-ken", {"text": "x", "reply_to": 9}, 400),
    ("post", MESSAGES, "focal-fra", {"text": "x"}, 403),
    ("post", READ, "focal-ken", {"upto": 1}, 200),
    ("post", READ, "focal-ken", {"upto": "1"}, 400),
    ("post", READ, None, {"upto": 1}, 403),
    ("get", OBSERVATIONS, "focal-ken", None, 200),
    ("get", OBSERVATIONS, "secretariat", None, 200),
    ("get", OBSERVATIONS, "focal-fra", None, 403),  # not agreed: parties only
    ("get", OBSERVATIONS, "ngo-demo", None, 403),
    ("get", OBSERVATIONS, None, None, 403),
    ("post", APPROVALS, "focal-ken", {"version": 1}, 403),  # not at that stage
    ("post", APPROVALS, "focal-fra", {"version": 1}, 403),
    ("get", "/assistance-needs", "secretariat", None, 200),
    ("get", "/assistance-needs", "focal-fra", {"need": "training", "limit": "10"}, 200),
    ("get", "/assistance-needs", "secretariat", {"priority": "urgent"}, 400),
    ("get", "/assistance-needs", "ngo-demo", None, 403),
    ("get", "/assistance-needs", None, None, 403),
    ("get", "/reports/general", "focal-fra", None, 200),
    (
        "get",
        "/reports/general",
        "secretariat",
        {"instrument": "TIP", "regional_group": "APG"},
        200,
    ),
    ("get", "/reports/general", "secretariat", {"cluster": "IX"}, 400),
    ("get", "/reports/general", "ngo-demo", None, 403),
    ("get", "/reports/general", None, None, 403),
]

#: Values of the path parameters the samples use (the demo profile's draw).
PATH_VALUES = {
    "{id}": "1",  # the draw, Kenya's first thread (``kenya_thread``), dialogue 1
    "{iso3}": "KEN",  # in group 1: its phase 1 is open, its responses a draft
    "{n}": "1",
    "{instrument}": "UNTOC",
    "{question_id}": "I-UNTOC-15",  # not answered by the demo
}


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace(name, value)
    return API_PREFIX + path


def _validator(document: dict, pointer: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema at ``pointer`` inside the served document."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource(DOC_URI, resource)
    return jsonschema.Draft202012Validator(
        {"$ref": f"{DOC_URI}#{pointer}"}, registry=registry
    )


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


@pytest.fixture
def kenya_thread(app, portal):
    """Thread 1 of Kenya's phase 1 dialogue, its first message with a file."""
    dialogue = portal["review"]["countries"]["KEN"].phases[1].dialogue
    stored = attachments.make(app.registry, "note.txt", b"a note", "focal-ken", False)
    start_thread(
        dialogue,
        "Sample thread",
        Topic("UNTOC"),
        "Sample text",
        portal["users"]["focal-ken"],
        files=(stored,),
    )
    commit(portal)


def test_every_documented_operation_has_samples(document):
    sampled = {(method, path) for method, path, *_ in SAMPLES}
    for path, item in document["paths"].items():
        for method, _operation in _operations(item):
            assert (method, path) in sampled, f"add samples for {method} {path}"


@pytest.mark.parametrize(
    ("method", "path", "who", "data", "status"),
    SAMPLES,
    ids=[f"{m}-{p}-{w}-{s}" for m, p, w, _d, s in SAMPLES],
)
def test_real_answers_validate_against_the_document(
    testapp, document, tokens, kenya_thread, method, path, who, data, status
):
    if path not in document["paths"]:
        pytest.fail(f"{path} is not in the document")
    headers = bearer(tokens[who]) if who else {}
    url = _url(path)
    if method == "get":
        response = testapp.get(url, params=data or {}, headers=headers, status=status)
    elif method == "post":
        response = testapp.post_json(url, data, headers=headers, status=status)
    elif method == "put":
        response = testapp.put_json(url, data, headers=headers, status=status)
    else:
        response = testapp.delete(url, headers=headers, status=status)
    operation = document["paths"][path][method]
    documented = operation["responses"].get(str(status))
    assert documented is not None, f"{status} is not documented for {method} {path}"
    content = documented.get("content")
    if content is None:
        assert response.body == b""
        return
    assert response.content_type == "application/json"
    pointer = "/".join(
        [
            "",
            "paths",
            _escape(path),
            method,
            "responses",
            str(status),
            "content",
            _escape("application/json"),
            "schema",
        ]
    )
    _validator(document, pointer).validate(response.json)
