"""Colander schemas of the portal's API: requests, answers and errors.

Request schemas are validated (:mod:`.validation`); answer schemas only
document (:mod:`.openapi`), and a test checks real answers against them.
Conventions the OpenAPI generator reads from the schemas:

- ``colander.Mapping(unknown="raise")`` documents an object with no other
  properties (``additionalProperties: false``), as every answer is;
- a node built with ``nullable=True`` may be ``null``.
"""

from __future__ import annotations

import colander

from ..accounts.schemas import LOGIN_MAX_LENGTH
from ..i18n import _

MAX_PASSWORD = 1024


class JSONString(colander.String):
    """A string that refuses numbers, lists and objects.

    ``colander.String`` would turn ``["a"]`` into ``"['a']"``; an API client
    sending the wrong type deserves a 400 naming the field instead.
    """

    def deserialize(self, node, cstruct):
        if cstruct is not colander.null and not isinstance(cstruct, str):
            raise colander.Invalid(node, _("This value must be a string."))
        if isinstance(cstruct, str) and not _is_unicode_text(cstruct):
            raise colander.Invalid(node, _("This value contains invalid characters."))
        return super().deserialize(node, cstruct)


class JSONInteger(colander.Integer):
    """A whole number as JSON writes it: ``1.5``, ``true`` and ``"1"`` are
    refused (``colander.Integer`` would take the first two as 1)."""

    def deserialize(self, node, cstruct):
        if cstruct is not colander.null and (
            isinstance(cstruct, bool) or not isinstance(cstruct, int)
        ):
            raise colander.Invalid(node, _("This value must be a whole number."))
        return super().deserialize(node, cstruct)


def _is_unicode_text(value: str) -> bool:
    """False for lone surrogates (``"\\ud800"`` is valid JSON, not text)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def closed(**kw) -> colander.Mapping:
    """The type of a documented answer object: no other properties."""
    return colander.Mapping(unknown="raise", **kw)


# -- errors ---------------------------------------------------------------


class ErrorDetail(colander.MappingSchema):
    location = colander.SchemaNode(
        colander.String(),
        validator=colander.OneOf(
            ["body", "querystring", "url", "header", "path", "cookies", "method"]
        ),
        description="Where the problem is.",
    )
    name = colander.SchemaNode(
        colander.String(), description="The field at fault, or empty."
    )
    description = colander.SchemaNode(
        colander.String(), description="What is wrong, in the request's language."
    )


class ErrorList(colander.SequenceSchema):
    error = ErrorDetail(typ=closed())


class ErrorBody(colander.MappingSchema):
    """Cornice's error body, used by every error answer of the API."""

    status = colander.SchemaNode(colander.String(), validator=colander.OneOf(["error"]))
    errors = ErrorList()


def error_response(description: str) -> colander.MappingSchema:
    """An error answer for ``response_schemas`` (and the generator)."""
    schema = colander.MappingSchema(description=description)
    schema.add(ErrorBody(name="body", typ=closed(), title="Error"))
    return schema


# -- tokens ---------------------------------------------------------------


class Credentials(colander.MappingSchema):
    login = colander.SchemaNode(
        JSONString(),
        validator=colander.Length(min=1, max=LOGIN_MAX_LENGTH),
        description="The account's login.",
    )
    password = colander.SchemaNode(
        JSONString(),
        validator=colander.Length(min=1, max=MAX_PASSWORD),
        description="The account's password.",
    )


class TokenRequest(colander.MappingSchema):
    body = Credentials(title="Credentials")


class Token(colander.MappingSchema):
    token = colander.SchemaNode(
        colander.String(),
        description="Send it as 'Authorization: Bearer <token>'.",
    )


class TokenCreated(colander.MappingSchema):
    body = Token(typ=closed(), title="Token")


# -- me -------------------------------------------------------------------


class Roles(colander.SequenceSchema):
    role = colander.SchemaNode(colander.String())


class Me(colander.MappingSchema):
    login = colander.SchemaNode(colander.String())
    fullname = colander.SchemaNode(colander.String())
    roles = Roles(description="Portal roles (admin, secretariat, ngo...).")
    state = colander.SchemaNode(
        colander.String(),
        nullable=True,
        description="ISO3 code of the State the account belongs to.",
    )
    state_role = colander.SchemaNode(
        colander.String(),
        nullable=True,
        validator=colander.OneOf(["focal", "expert", "observer"]),
        description="Office held for that State.",
    )


class MeResponse(colander.MappingSchema):
    body = Me(typ=closed(), title="Me")


# -- the document itself ----------------------------------------------------


class Document(colander.MappingSchema):
    """An OpenAPI 3.1 document (see the OpenAPI specification)."""

    openapi = colander.SchemaNode(colander.String())


class DocumentResponse(colander.MappingSchema):
    body = Document(typ=colander.Mapping(unknown="preserve"), title="OpenAPI")
