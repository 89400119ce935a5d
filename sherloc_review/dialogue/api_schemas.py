"""Colander schemas of the dialogue's API: what it reads and what it answers.

Requests are strict (a number where a string is expected is a 400 naming
the field); answers only document (:mod:`sherloc_portal.api.openapi`), and
the OpenAPI test checks real answers against them.
"""

from __future__ import annotations

import re
from datetime import date

import colander

from sherloc_portal.api.schemas import JSONInteger, JSONString, closed

from ..i18n import _
from ..versioned import MAX_TEXT
from .resources import LEVELS, RECORD_KINDS
from .thread_views import PAGE_SIZE as MESSAGES_PER_PAGE
from .threads import MAX_QUOTE, MAX_TITLE
from .views import PAGE_SIZE as THREADS_PER_PAGE

#: The most threads or messages one answer lists.
MAX_LIMIT = 100
#: Message numbers are 32-bit keys of an ``IOBTree``: ``after`` stays well
#: below, so ``after + limit`` never overflows the tree's key range.
MAX_AFTER = 10**9

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class JSONDate(JSONString):
    """The day a meeting was held, ``YYYY-MM-DD`` (a string in JSON), read
    as a ``date``; refused with the message the record's form gives."""

    def deserialize(self, node, cstruct):
        text = super().deserialize(node, cstruct)
        if text is colander.null:
            return text
        try:
            if not _DAY.fullmatch(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise colander.Invalid(node, _("Give the day it was held.")) from None


def _string(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(JSONString(), **kw)


def _out(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, **kw)


# -- requests -----------------------------------------------------------------


def _limit(default: int) -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.Integer(),
        missing=default,
        validator=colander.Range(min=1, max=MAX_LIMIT),
        description=f"How many to list (1 to {MAX_LIMIT}, {default} if not given).",
    )


def _page_or_start(node, value) -> None:
    if "page" in value and "start" in value:
        raise colander.Invalid(node, _("Give either 'page' or 'start', not both."))


class ThreadsQuery(colander.MappingSchema):
    page = colander.SchemaNode(
        colander.Integer(),
        missing=colander.drop,
        validator=colander.Range(min=1),
        description="The page of 'limit' threads to list, from 1.",
    )
    start = colander.SchemaNode(
        colander.Integer(),
        missing=colander.drop,
        validator=colander.Range(min=0),
        description="How many threads to skip (instead of 'page').",
    )
    limit = _limit(THREADS_PER_PAGE)


class ListThreads(colander.MappingSchema):
    querystring = ThreadsQuery(validator=_page_or_start)


class TopicIn(colander.MappingSchema):
    instrument = _string(
        missing="", validator=colander.Length(max=20), description="UNTOC, TIP..."
    )
    article = _string(
        missing="",
        validator=colander.Length(max=20),
        description="An article of that instrument reviewed in the phase.",
    )
    feedback_item = _string(
        missing="",
        validator=colander.Length(max=20),
        description="A released feedback item, 'ISO3/number' (instead of the "
        "instrument and article).",
    )


class RecordIn(colander.MappingSchema):
    held_on = colander.SchemaNode(JSONDate(), description="YYYY-MM-DD")
    kind = _string(validator=colander.OneOf(RECORD_KINDS))
    participants = _string(description="Who took part.")


class NewThread(colander.MappingSchema):
    title = _string(description=f"At most {MAX_TITLE} characters.")
    text = _string(
        description="The first message (for a record: the minutes), at most "
        f"{MAX_TEXT} characters.",
    )
    topic = TopicIn(
        typ=closed(), missing=None, description="What it is about; general if not."
    )
    record = RecordIn(
        typ=closed(),
        missing=None,
        description="Dialogue held elsewhere (¶36) that this thread records.",
    )


class PostThread(colander.MappingSchema):
    body = NewThread(typ=closed())


class MessagesQuery(colander.MappingSchema):
    after = colander.SchemaNode(
        colander.Integer(),
        missing=0,
        validator=colander.Range(min=0, max=MAX_AFTER),
        description="List the messages numbered after this one (0: from the first).",
    )
    limit = _limit(MESSAGES_PER_PAGE)


class ListMessages(colander.MappingSchema):
    querystring = MessagesQuery()


class NewMessage(colander.MappingSchema):
    text = _string(description=f"At most {MAX_TEXT} characters.")
    reply_to = colander.SchemaNode(
        JSONInteger(),
        missing=0,
        validator=colander.Range(min=0),
        description="The number of the message this one answers (0: none).",
    )
    quote = _string(
        missing="",
        description="Words of the message replied to (the first "
        f"{MAX_QUOTE} characters are kept).",
    )


class PostMessage(colander.MappingSchema):
    body = NewMessage(typ=closed())


class ReadMarkIn(colander.MappingSchema):
    upto = colander.SchemaNode(
        JSONInteger(),
        validator=colander.Range(min=0),
        description="The number of the last message read (a mark never goes back).",
    )


class PostReadMark(colander.MappingSchema):
    body = ReadMarkIn(typ=closed())


# -- answers ------------------------------------------------------------------


class FileOut(colander.MappingSchema):
    id = _out(colander.String())
    filename = _out(colander.String())
    size = _out(colander.Integer(), description="Bytes.")
    sha256 = _out(colander.String())
    content_type = _out(colander.String(), description="Found from the content.")
    url = _out(colander.String(), description="Its download (a web page's address).")


class FilesOut(colander.SequenceSchema):
    file = FileOut(typ=closed())


class MessageOut(colander.MappingSchema):
    number = _out(colander.Integer(), description="1, 2, ... in its thread.")
    author = _out(colander.String(), description="The author's login.")
    party = _out(colander.String(), description="ISO3 of its State, or secretariat.")
    at = _out(colander.String(), description="Posted at (ISO 8601, UTC).")
    text = _out(colander.String(), description="The current version.")
    versions = _out(colander.Integer(), description="Versions written (1 + fixes).")
    corrected = _out(colander.Boolean())
    reply_to = _out(
        colander.Integer(), nullable=True, description="The message it answers."
    )
    quote = _out(colander.String(), description="Words quoted from that message.")
    files = FilesOut()


class MessageList(colander.SequenceSchema):
    message = MessageOut(typ=closed())


class TopicOut(colander.MappingSchema):
    instrument = _out(colander.String())
    article = _out(colander.String())
    feedback_item = _out(colander.String())


class RecordOut(colander.MappingSchema):
    held_on = _out(colander.String(), description="YYYY-MM-DD")
    kind = _out(colander.String(), validator=colander.OneOf(RECORD_KINDS))
    participants = _out(colander.String())


class ThreadOut(colander.MappingSchema):
    id = _out(colander.Integer(), description="The thread's number.")
    title = _out(colander.String())
    topic = TopicOut(typ=closed(), description="All empty for a general thread.")
    record = RecordOut(
        typ=closed(), nullable=True, description="Dialogue held elsewhere (¶36)."
    )
    messages = _out(colander.Integer(), description="How many.")
    unread = _out(colander.Integer(), description="Not yet read by the caller.")
    last_at = _out(colander.String(), description="Last message (ISO 8601, UTC).")
    level = _out(
        colander.String(),
        validator=colander.OneOf(LEVELS),
        description="Who may read it (¶37, ¶40, ¶41).",
    )
    created_by = _out(colander.String(), description="Login.")
    created_at = _out(colander.String(), description="ISO 8601, UTC.")


class ThreadList(colander.SequenceSchema):
    thread = ThreadOut(typ=closed())


class ThreadsBody(colander.MappingSchema):
    threads = ThreadList(description="Newest first.")
    total = _out(colander.Integer(), description="Threads the caller may read.")
    secretariat_in_copy = _out(
        colander.Boolean(), description="The Secretariat reads everything (¶33)."
    )
    read_only = _out(
        colander.Boolean(), description="The phase is concluded: an archive."
    )


class ThreadsResponse(colander.MappingSchema):
    body = ThreadsBody(typ=closed(), title="DialogueThreads")


class StartedBody(colander.MappingSchema):
    thread = ThreadOut(typ=closed())
    message = MessageOut(typ=closed(), description="Its first message.")


class StartedResponse(colander.MappingSchema):
    body = StartedBody(typ=closed(), title="DialogueThreadStarted")


class MessagesBody(colander.MappingSchema):
    messages = MessageList(description="In order of their numbers.")
    total = _out(colander.Integer(), description="Messages in the thread.")
    read_upto = _out(
        colander.Integer(), description="The last message the caller marked read."
    )


class MessagesResponse(colander.MappingSchema):
    body = MessagesBody(typ=closed(), title="DialogueMessages")


class PostedResponse(colander.MappingSchema):
    body = MessageOut(typ=closed(), title="DialogueMessage")


class ReadMarkBody(colander.MappingSchema):
    read_upto = _out(colander.Integer())
    unread = _out(colander.Integer())


class ReadMarkResponse(colander.MappingSchema):
    body = ReadMarkBody(typ=closed(), title="DialogueReadMark")
