"""The dialogue over the API (issue 5): threads and their messages.

``GET /reviews/{iso3}/phases/{n}/threads`` lists, a page at a time, the
threads the caller may read (each thread's ACL decides, as on the pages);
``POST`` starts one with its first message, or files the record of
dialogue held elsewhere (¶36).  ``GET …/threads/{id}/messages`` lists a
thread's messages by their numbers (``after`` and ``limit``: never every
message at once); ``POST`` replies.  ``POST …/threads/{id}/read`` moves the
caller's read mark (a GET never does: it never writes).

The context is the phase's dialogue or the thread, so the same ACLs and
permissions as the HTML decide: reading needs ``DialoguePermission.VIEW``,
writing ``POST`` (the participants' focal points and experts and the
Secretariat, until the phase is concluded).  A caller who may not read the
dialogue gets the same 403 whether the thread exists or not.  Files are
listed with their download address but attached only through the web
forms (they are multipart uploads, checked like the questionnaire's).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import error_response
from sherloc_portal.api.validation import refuse, validate_request
from sherloc_portal.forms import ActionRefused

from .api_schemas import (
    ListMessages,
    ListThreads,
    MessagesResponse,
    PostedResponse,
    PostMessage,
    PostReadMark,
    PostThread,
    ReadMarkResponse,
    StartedResponse,
    ThreadsResponse,
)
from .permissions import DialoguePermission as P
from .posted import follow_up
from .resources import Message, RecordDetails, Thread, Topic
from .threads import mark_read, post, readable, start_thread

_BASE = "/reviews/{iso3}/phases/{n}/threads"
_TRAVERSE = "/review/countries/{iso3}/phase-{n}/dialogue"

threads_service = api_service(
    "api.review.dialogue.threads",
    _BASE,
    traverse=_TRAVERSE,
    description="The threads of a review phase's dialogue (¶35, ¶36).",
)
messages_service = api_service(
    "api.review.dialogue.messages",
    _BASE + "/{id}/messages",
    traverse=_TRAVERSE + "/{id}",
    description="The messages of one thread of the dialogue.",
)
read_service = api_service(
    "api.review.dialogue.read",
    _BASE + "/{id}/read",
    traverse=_TRAVERSE + "/{id}",
    description="The caller's read mark in one thread.",
)

#: The body's name for the fields the acts refuse.
_FIELDS = {
    "instrument": "topic.instrument",
    "article": "topic.article",
    "feedback_item": "topic.feedback_item",
    "held_on": "record.held_on",
    "kind": "record.kind",
    "participants": "record.participants",
}

_NOT_FOUND = error_response(
    "No such review, phase or thread (answered so only to whoever may read "
    "the dialogue; others get 403)."
)


def utc(at: float) -> str:
    """A moment (seconds since the epoch) in ISO 8601, UTC."""
    stamp = datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")
    return stamp.replace("+00:00", "Z")


def thread_json(thread: Thread, login: str) -> dict:
    topic, record = thread.topic, thread.record
    return {
        "id": thread.number,
        "title": thread.title,
        "topic": {
            "instrument": topic.instrument,
            "article": topic.article,
            "feedback_item": topic.feedback_item,
        },
        "record": None
        if record is None
        else {
            "held_on": record.held_on.isoformat(),
            "kind": record.kind,
            "participants": record.participants,
        },
        "messages": thread.count(),
        "unread": thread.unread(login),
        "last_at": utc(thread.last_at),
        "level": thread.effective_level,
        "created_by": thread.created_by,
        "created_at": utc(thread.created_at),
    }


def message_json(request, thread: Thread, message: Message) -> dict:
    files = [thread.files[f] for f in message.files if f in thread.files]
    everything = request.has_permission(P.VIEW_VERSIONS, thread)
    return {
        "number": message.number,
        "author": message.author,
        "party": message.author_party,
        "at": utc(message.at),
        "text": message.text,
        # States parties reading under ¶40 see messages as they stand.
        **(
            {"versions": len(message.versions), "corrected": message.corrected}
            if everything
            else {"versions": 1, "corrected": False}
        ),
        "reply_to": message.reply_to or None,
        "quote": message.quote if everything else thread.standing_quote(message),
        "files": [
            {
                "id": f.id,
                "filename": f.filename,
                "size": f.size,
                "sha256": f.sha256,
                "content_type": f.content_type,
                "url": request.resource_url(thread, "file", f.id),
            }
            for f in files
        ],
    }


def _refused(request, refusal: ActionRefused) -> None:
    request.tm.doom()  # nothing of a refused act stays
    field = refusal.field or ""
    refuse(request, 400, "body", _FIELDS.get(field, field), refusal.message)


@threads_service.get(
    schema=ListThreads(),
    validators=(validate_request,),
    permission=P.VIEW,
    response_schemas={
        "200": ThreadsResponse(description="The threads the caller may read."),
        "404": _NOT_FOUND,
    },
)
def list_threads(request):
    """The threads the caller may read, newest first, a page at a time.

    ``page`` (from 1) or ``start`` (threads to skip), and ``limit``.  Each
    thread says how many messages it holds and how many the caller has not
    read.  The Secretariat reads every thread (¶33).
    """
    dialogue = request.context
    query = request.validated["querystring"]
    limit = query["limit"]
    start = query.get("start", (query.get("page", 1) - 1) * limit)
    threads = readable(request, dialogue)
    login = request.identity.login
    return {
        "threads": [thread_json(t, login) for t in threads[start : start + limit]],
        "total": len(threads),
        "secretariat_in_copy": True,
        "read_only": dialogue.read_only,
    }


@threads_service.post(
    schema=PostThread(),
    validators=(validate_request,),
    permission=P.POST,
    response_schemas={
        "201": StartedResponse(description="The thread and its first message."),
        "404": _NOT_FOUND,
    },
)
def create_thread(request):
    """Start a thread with its first message, or file a record (¶36).

    A thread is general, on an instrument (and article), or on a released
    feedback item (``topic``); with ``record`` it is the record of dialogue
    held elsewhere, whose minutes are ``text``.  Files cannot be attached
    through the API: attach them with the dialogue's web form.  Refused
    with 403 once the phase is concluded.
    """
    dialogue = request.context
    body = request.validated["body"]
    record = body["record"]
    try:
        thread = start_thread(
            dialogue,
            body["title"],
            Topic(**body["topic"]) if body["topic"] else Topic(),
            body["text"],
            request.identity.user,
            record=None if record is None else RecordDetails(**record),
        )
        first = thread.messages[1]
        follow_up(request, thread, first)
    except ActionRefused as refusal:
        _refused(request, refusal)
        return None
    request.response.status = 201
    request.response.location = request.route_url(
        messages_service.name, id=thread.number, **_review(request)
    )
    return {
        "thread": thread_json(thread, request.identity.login),
        "message": message_json(request, thread, first),
    }


def _review(request) -> dict:
    return {"iso3": request.matchdict["iso3"], "n": request.matchdict["n"]}


@messages_service.get(
    schema=ListMessages(),
    validators=(validate_request,),
    permission=P.VIEW,
    response_schemas={
        "200": MessagesResponse(description="Messages in order of their numbers."),
        "404": _NOT_FOUND,
    },
)
def list_messages(request):
    """The thread's messages numbered after ``after``, at most ``limit``.

    Each in its current version, with how many versions its author wrote
    (a correction keeps the earlier ones) and its files' download
    addresses.  Reading does not move the read mark: ``POST …/read`` does.
    """
    thread = request.context
    query = request.validated["querystring"]
    after = query["after"]
    messages = thread.messages.values(min=after + 1, max=after + query["limit"])
    return {
        "messages": [message_json(request, thread, m) for m in messages],
        "total": thread.count(),
        "read_upto": thread.read_marks.get(request.identity.login, 0),
    }


@messages_service.post(
    schema=PostMessage(),
    validators=(validate_request,),
    permission=P.POST,
    response_schemas={
        "201": PostedResponse(description="The message posted."),
        "404": _NOT_FOUND,
    },
)
def create_message(request):
    """Post a message in the thread, replying to (and quoting) another.

    Files cannot be attached through the API: attach them with the
    thread's web form.  Refused with 403 once the phase is concluded.
    """
    thread = request.context
    body = request.validated["body"]
    try:
        message = post(
            thread,
            body["text"],
            request.identity.user,
            reply_to=body["reply_to"],
            quote=body["quote"],
        )
        follow_up(request, thread, message)
    except ActionRefused as refusal:
        _refused(request, refusal)
        return None
    request.response.status = 201
    return message_json(request, thread, message)


@read_service.post(
    schema=PostReadMark(),
    validators=(validate_request,),
    permission=P.VIEW,
    response_schemas={
        "200": ReadMarkResponse(description="The caller's mark and unread count."),
        "404": _NOT_FOUND,
    },
)
def move_read_mark(request):
    """Mark the thread's messages read up to ``upto`` (never moves back).

    Every reader keeps its own mark, an observer or an archive's reader
    too: it is not writing in the dialogue.
    """
    thread = request.context
    login = request.identity.login
    mark_read(thread, login, request.validated["body"]["upto"])
    return {
        "read_upto": thread.read_marks.get(login, 0),
        "unread": thread.unread(login),
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(threads_service)
    config.add_api_service(messages_service)
    config.add_api_service(read_service)
