"""``/api/v1/openapi.json``: the API described from its registered services.

The document is OpenAPI 3.1, built on each request from the cornice services
registered under :data:`.service.API_PREFIX` in *this* application's registry
(never from cornice's process-wide service list, which leaks between apps).
cornice_swagger's converters turn the colander schemas into JSON Schema;
its own generator is not used because it writes Swagger 2.0, which has
neither a ``bearer`` HTTP scheme nor ``null``.  OpenAPI 3.1 schemas are
plain JSON Schema (2020-12), so a client, and our tests, can validate
answers with any JSON Schema validator.

What each operation says comes from the service: the view's docstring
(summary and description), ``schema`` (query parameters and request body),
``response_schemas`` (answers), and the view's permission (``security``, and
a documented 403).  Errors every validated request can meet (400, and 413 and
415 for a body) are added from the schema.
"""

from __future__ import annotations

import inspect

import colander
from cornice_swagger.converters.exceptions import NoSuchConverter
from cornice_swagger.converters.schema import TypeConversionDispatcher
from pyramid.security import NO_PERMISSION_REQUIRED

from .schemas import DocumentResponse, error_response
from .service import API_PREFIX, api_service

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
_IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})

#: Answers added to operations from what they validate and require.
_ERRORS = {
    "400": "Invalid request: the errors name each field at fault.",
    "403": (
        "Not allowed: no valid bearer token, or the account may not do this. "
        "The same answer whether or not the object exists."
    ),
    "413": "The request body is too large.",
    "415": "The request body is not JSON.",
}

openapi = api_service(
    "api.openapi",
    "/openapi.json",
    description="This document.",
)


class SchemaConverter(TypeConversionDispatcher):
    """cornice_swagger's colander → JSON Schema, plus our conventions.

    Finds a converter for subclasses of colander types too, and reads the
    conventions documented in :mod:`.schemas` (closed objects, ``nullable``).
    """

    def __call__(self, node: colander.SchemaNode) -> dict:
        typ = type(node.typ)
        found = next(
            (self.converters[t] for t in typ.__mro__ if t in self.converters), None
        )
        if found is None:
            raise NoSuchConverter(f"no JSON Schema for {typ.__name__}")
        converted = found(self)(node)
        if isinstance(node.typ, colander.Mapping) and node.typ.unknown == "raise":
            converted["additionalProperties"] = False
        if getattr(node, "nullable", False):
            converted["type"] = [converted["type"], "null"]
            if "enum" in converted:
                converted["enum"] = [*converted["enum"], None]
        return converted


class DocumentBuilder:
    """Collects named schemas in ``components`` while building paths."""

    def __init__(self) -> None:
        self.convert = SchemaConverter()
        self.components: dict[str, dict] = {}

    def body_schema(self, node: colander.SchemaNode) -> dict:
        """A ``$ref`` to a named schema (by its title), or the schema inline."""
        schema = self.convert(node)
        name = node.title
        if not name or name == "Body":
            return schema
        known = self.components.setdefault(name, schema)
        if known != schema:
            raise ValueError(f"two different API schemas are titled {name!r}")
        return {"$ref": f"#/components/schemas/{name}"}

    def response(self, schema: colander.SchemaNode) -> dict:
        if not schema.description:
            raise ValueError(f"response {schema!r} has no description")
        response = {"description": str(schema.description)}
        body = schema.get("body")
        if body is not None:
            response["content"] = {JSON: {"schema": self.body_schema(body)}}
        return response

    def operation(self, service, view, args: dict) -> dict:
        doc = inspect.cleandoc(view.__doc__ or "")
        summary, _, description = doc.partition("\n")
        operation: dict = {
            "operationId": f"{service.name}.{view.__name__}",
            "summary": summary,
        }
        if description.strip():
            operation["description"] = description.strip()
        schema = args.get("schema")
        errors: list[str] = []
        if schema is not None:
            errors.append("400")
            query = schema.get("querystring")
            if query is not None:
                operation["parameters"] = [self.parameter(n) for n in query.children]
            body = schema.get("body")
            if body is not None:
                operation["requestBody"] = {
                    "required": True,
                    "content": {JSON: {"schema": self.body_schema(body)}},
                }
                errors += ["413", "415"]
        responses = {
            str(status): self.response(answer)
            for status, answer in args.get("response_schemas", {}).items()
        }
        if args.get("permission") == NO_PERMISSION_REQUIRED:
            operation["security"] = []
        else:
            operation["security"] = [{"bearer": []}]
            errors.append("403")
        for status in errors:
            responses.setdefault(status, self.response(error_response(_ERRORS[status])))
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def parameter(self, node: colander.SchemaNode) -> dict:
        schema = self.convert(node)
        schema.pop("title", None)
        schema.pop("description", None)
        parameter = {
            "name": node.name,
            "in": "query",
            "required": node.required,
            "schema": schema,
        }
        if node.description:
            parameter["description"] = str(node.description)
        return parameter


def api_services(registry) -> list[tuple[str, object]]:
    """``(path below the API root, service)`` for every registered service."""
    prefix = API_PREFIX.strip("/")
    found = []
    for key, service in registry.cornice_services.items():
        path = "/" + key.strip("/")
        if path.startswith(f"/{prefix}/"):
            found.append((path[len(prefix) + 1 :], service))
    return sorted(found, key=lambda item: item[0])


def build_document(registry) -> dict:
    """The OpenAPI 3.1 document of every service under the API root."""
    builder = DocumentBuilder()
    paths: dict[str, dict] = {}
    for path, service in api_services(registry):
        item: dict = {}
        if service.description:
            item["description"] = str(service.description)
        for method, view, args in service.definitions:
            if method in _IGNORED_METHODS:
                continue
            item[method.lower()] = builder.operation(service, view, args)
        paths[path] = item
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "SHERLOC Review API",
            "version": "1",
            "description": (
                "JSON API of the SHERLOC portal and its add-ons. Get a token "
                "with POST /tokens and send it as 'Authorization: Bearer "
                "<token>'; requests act as that account, with the same rights "
                "as on the web pages. Errors share one body: "
                '{"status": "error", "errors": [{"location", "name", '
                '"description"}]}, descriptions in the request\'s language.'
            ),
        },
        "servers": [{"url": API_PREFIX}],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(builder.components.items())),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /tokens.",
                }
            },
        },
    }


@openapi.get(
    permission=NO_PERMISSION_REQUIRED,
    response_schemas={"200": DocumentResponse(description="This document.")},
)
def openapi_document(request):
    """The OpenAPI 3.1 description of this API."""
    return build_document(request.registry)
