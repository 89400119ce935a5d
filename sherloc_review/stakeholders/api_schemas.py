"""Colander schemas of the constructive dialogues' API (¶53).

Requests are strict (a number where a string is expected is a 400 naming
the field); answers only document (:mod:`sherloc_portal.api.openapi`), and
the OpenAPI test checks real answers against them.
"""

from __future__ import annotations

import colander

from sherloc_portal.api.schemas import JSONString, closed

from ..versioned import MAX_TEXT
from .acts import MAX_LINE, MAX_REPRESENTATIVES
from .resources import KINDS, PENDING


def _string(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(JSONString(), **kw)


def _out(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, **kw)


# -- requests -----------------------------------------------------------------


class OrganisationIn(colander.MappingSchema):
    name = _string(description=f"At most {MAX_LINE} characters.")
    country = _string(
        missing="",
        description="ISO3 code of the country where it is based; empty for an "
        "international organisation.",
    )
    website = _string(missing="", description="https://...")
    contact_name = _string(description="The person to write to.")
    contact_email = _string(
        description="Without a token, an account is created for this address "
        "and mailed a link to confirm it."
    )


class Representatives(colander.SequenceSchema):
    representative = _string(description="A full name.")


class NewRegistration(colander.MappingSchema):
    kind = _string(
        validator=colander.OneOf(KINDS),
        description="ngo (¶53(d)); private_sector, academia or other (¶53(e)).",
    )
    organisation = OrganisationIn(typ=closed())
    representatives = Representatives(
        validator=colander.Length(min=1, max=MAX_REPRESENTATIVES),
        description=f"Who will attend: 1 to {MAX_REPRESENTATIVES} names.",
    )
    comments = _string(
        missing="",
        description=f"Written comments (¶53(d), (e)), plain text, at most "
        f"{MAX_TEXT} characters. Comments naming a country are reviewed by the "
        "chair before publication (¶53(b)).",
    )
    assistance = _string(
        missing="",
        description="Inputs on technical assistance (¶53(i), (j)), plain text.",
    )


class PostRegistration(colander.MappingSchema):
    body = NewRegistration(typ=closed())


# -- answers ------------------------------------------------------------------


class DialogueOut(colander.MappingSchema):
    number = _out(colander.Integer(), description="Its number in the URLs.")
    title = _out(colander.String())
    working_group = _out(colander.String(), description="tip, som, firearms...")
    working_group_name = _out(
        colander.String(), description="In the request's language."
    )
    starts_at = _out(colander.String(), description="ISO 8601, UTC.")
    timezone = _out(colander.String(), description="IANA time zone of the place.")
    local_start = _out(
        colander.String(), description="ISO 8601 with the offset of its time zone."
    )
    place = _out(colander.String())
    link = _out(colander.String(), description="Where to join online, if any.")
    registration_cutoff = _out(
        colander.String(),
        description="The first moment applications are refused (ISO 8601, UTC): "
        "15 days before the dialogue, in its time zone (¶53(d), (e)).",
    )
    registration_cutoff_local = _out(
        colander.String(), description="The same, with the offset of its time zone."
    )
    registration_open = _out(colander.Boolean(), description="Applications taken now.")
    not_convened = _out(
        colander.Boolean(), description="The chair decided not to convene (¶53(f))."
    )
    summary_published = _out(
        colander.Boolean(), description="The chair's summary is out (¶53(h))."
    )
    url = _out(colander.String(), description="Its public page.")


class DialogueList(colander.SequenceSchema):
    dialogue = DialogueOut(typ=closed())


class DialoguesBody(colander.MappingSchema):
    dialogues = DialogueList(description="In order of their start.")


class DialoguesResponse(colander.MappingSchema):
    body = DialoguesBody(typ=closed(), title="ConstructiveDialogues")


class RegisteredBody(colander.MappingSchema):
    number = _out(colander.Integer(), description="The application's number.")
    status = _out(colander.String(), validator=colander.OneOf((PENDING,)))
    confirmation_required = _out(
        colander.Boolean(),
        description="An account was created: the application counts once its "
        "e-mail address is confirmed through the link mailed to it, before the "
        "cut-off.",
    )


class RegisteredResponse(colander.MappingSchema):
    body = RegisteredBody(typ=closed(), title="DialogueRegistration")
