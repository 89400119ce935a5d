"""``phase-N/dialogue``: the threads a reader may read, and new ones (¶35, ¶36).

The list is the reader's own: each thread's ACL is checked (an additional
reviewer sees only its instruments' threads, an official of another State
party only the threads opened to all States parties, ¶40), newest first,
a page at a time, with the reader's unread count.  Participants start a
thread (general, on an instrument or article, or on a released feedback
item) or file the record of dialogue held elsewhere (¶36), whose minutes
are its first message.  The Secretariat is in copy of everything (¶33);
once the phase is concluded the dialogue is a read-only archive.
"""

from __future__ import annotations

from pyramid.view import view_config

from ..draws.views import state_name
from ..i18n import _
from ..labels import stamp
from . import forms
from .forms import FormErrors, RecordSchema, ThreadSchema
from .permissions import DialoguePermission as P
from .posted import follow_up
from .resources import Dialogue, RecordDetails, Topic
from .threads import readable, start_thread

INDEX_PAGE = "sherloc_review:templates/dialogue/index.pt"
READ = {"request_method": ("GET", "HEAD")}
#: Threads listed on one page of the index.
PAGE_SIZE = 25


def page_number(request, pages: int, default: int = 1) -> int:
    """The page ``?page=`` asks for, within ``1..pages``."""
    try:
        asked = int(request.GET.get("page", default))
    except ValueError:
        asked = default
    return min(max(asked, 1), pages)


def common(request, dialogue: Dialogue) -> dict:
    """Values every page of the dialogue shows."""
    translate = request.translate
    country = dialogue.country
    mechanism = country.__parent__.__parent__
    return {
        "dialogue": dialogue,
        "phase": dialogue.phase,
        "state_name": state_name(mechanism["states"], country.iso3),
        "read_only": dialogue.read_only,
        "login": request.identity.login if request.identity else "",
        "level_labels": {k: translate(v) for k, v in forms.LEVEL_LABELS.items()},
        "kind_labels": {k: translate(v) for k, v in forms.KIND_LABELS.items()},
        "stamp": stamp,
        "topic_label": lambda thread: topic_label(request, thread),
    }


def topic_label(request, thread) -> str:
    """What ``thread`` is about, as its reader reads it."""
    translate = request.translate
    record, topic = thread.record, thread.topic
    if record is not None:
        return translate(
            _(
                "Record of dialogue held elsewhere (¶36): ${kind} on ${day}",
                mapping={
                    "kind": translate(forms.KIND_LABELS[record.kind]),
                    "day": record.held_on.isoformat(),
                },
            )
        )
    if topic.feedback_item:
        return translate(
            _(
                "Feedback item ${item} (${place})",
                mapping={
                    "item": topic.feedback_item,
                    "place": forms.place(request, topic.instrument, topic.article),
                },
            )
        )
    if topic.instrument:
        return forms.place(request, topic.instrument, topic.article)
    return translate(_("General"))


def index_page(
    dialogue: Dialogue, request, failure: FormErrors | None = None, form: str = ""
) -> dict:
    """The index; ``failure`` sends back the ``form`` (thread or record)."""
    threads = readable(request, dialogue)
    pages = max(1, -(-len(threads) // PAGE_SIZE))
    page = page_number(request, pages)
    start = (page - 1) * PAGE_SIZE
    login = request.identity.login

    def page_url(number: int) -> str:
        return request.resource_url(dialogue, query={"page": str(number)})

    can_post = bool(request.has_permission(P.POST, dialogue))
    values = common(request, dialogue)

    def state_of(name: str) -> dict:
        if failure is not None and form == name:
            return {"values": failure.values, "errors": failure.errors}
        return {"values": {}, "errors": {}}

    return {
        **values,
        "page_title": request.translate(
            _(
                "Dialogue with ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": dialogue.phase.number},
            )
        ),
        "threads": [
            {"thread": t, "unread": t.unread(login)}
            for t in threads[start : start + PAGE_SIZE]
        ],
        "total": len(threads),
        "page": page,
        "pages": pages,
        "prev_url": page > 1 and page_url(page - 1),
        "next_url": page < pages and page_url(page + 1),
        "can_post": can_post,
        "can_decide": bool(request.has_permission(P.DECIDE, dialogue)),
        "can_export": bool(request.has_permission(P.EXPORT, dialogue)),
        "search_url": request.resource_url(
            dialogue.country.__parent__.__parent__, "dialogue-search"
        ),
        "topics": forms.topic_choices(request, dialogue) if can_post else [],
        "record_kinds": forms.KIND_LABELS,
        "thread_form": state_of("thread"),
        "record_form": state_of("record"),
    }


@view_config(context=Dialogue, renderer=INDEX_PAGE, permission=P.VIEW, **READ)
def index(context: Dialogue, request):
    return index_page(context, request)


def _start(context: Dialogue, request, schema, form: str, details, done):
    """Start a thread from ``form``: ``details(values)`` gives the topic and
    the record; the readers are told and the author sees the thread."""

    def act(values: dict) -> str:
        topic, record_details = details(values)
        thread = start_thread(
            context,
            values["title"],
            topic,
            values["text"],
            request.identity.user,
            files=forms.uploads(request),
            record=record_details,
        )
        follow_up(request, thread, thread.messages[1])
        return request.resource_url(thread)

    def back(context, request, failure):
        return index_page(context, request, failure, form)

    return forms.acted(request, context, schema, back, act, done)


@view_config(
    context=Dialogue,
    name="start",
    renderer=INDEX_PAGE,
    permission=P.POST,
    request_method="POST",
)
def start(context: Dialogue, request):
    """A new thread with its first message and files."""
    return _start(
        context,
        request,
        ThreadSchema(),
        "thread",
        lambda values: (forms.topic_of(values["topic"]), None),
        _("The thread is started."),
    )


@view_config(
    context=Dialogue,
    name="record",
    renderer=INDEX_PAGE,
    permission=P.POST,
    request_method="POST",
)
def record(context: Dialogue, request):
    """The record of dialogue held elsewhere (¶36), minutes and files."""
    return _start(
        context,
        request,
        RecordSchema(),
        "record",
        lambda values: (
            Topic(),
            RecordDetails(values["held_on"], values["kind"], values["participants"]),
        ),
        _("The record is filed in the dialogue."),
    )
