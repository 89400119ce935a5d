"""``phase-N/dialogue/N``: one thread, a page of messages at a time.

Messages are read by their numbers (``messages.values(min, max)``), never
all at once; the page first shown is the one holding the reader's first
unread message.  A reply may quote the message it answers; an author
corrects a message as a new version (the earlier ones kept and listed on
``versions/<n>``), over the version read: a stale correction comes back
(409) with the other text beside one's own.  Showing a page never writes:
the page's script (or its button) sends ``read`` to move the read mark.
"""

from __future__ import annotations

from pyramid.httpexceptions import (
    HTTPBadRequest,
    HTTPForbidden,
    HTTPNotFound,
    HTTPSeeOther,
)
from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash

from ..i18n import _
from ..numbers import number
from ..versioned import Stale
from . import forms, publish
from .forms import CorrectionSchema, FormErrors, ReadSchema, ReplySchema
from .permissions import DialoguePermission as P
from .posted import follow_up
from .resources import Thread
from .threads import correct, mark_read, post
from .views import common, page_number, topic_label

THREAD_PAGE = "sherloc_review:templates/dialogue/thread.pt"
CORRECT_PAGE = "sherloc_review:templates/dialogue/correct.pt"
VERSIONS_PAGE = "sherloc_review:templates/dialogue/versions.pt"
READ = {"request_method": ("GET", "HEAD")}
#: Messages shown on one page of a thread.
PAGE_SIZE = 50


def page_of(number: int) -> int:
    return (number - 1) // PAGE_SIZE + 1


def message_url(request, thread: Thread, number: int) -> str:
    return (
        request.resource_url(thread, query={"page": str(page_of(number))})
        + f"#m{number}"
    )


def _reply_to(request, count: int) -> int:
    """The message ``?reply_to=`` names (the reply links), if it exists."""
    asked = number(request.GET.get("reply_to", "")) or 0
    return asked if asked <= count else 0


def thread_page(thread: Thread, request, failure: FormErrors | None = None) -> dict:
    """The thread; ``failure`` sends the reply form back with its errors."""
    login = request.identity.login
    count = thread.count()
    pages = max(1, page_of(count))
    first_unread = min(thread.read_marks.get(login, 0) + 1, count)
    page = page_number(request, pages, page_of(first_unread) if count else 1)
    low = (page - 1) * PAGE_SIZE + 1
    messages = list(thread.messages.values(min=low, max=low + PAGE_SIZE - 1))
    shown = messages[-1].number if messages else 0
    dialogue = thread.dialogue

    def page_url(number: int) -> str:
        return request.resource_url(thread, query={"page": str(number)})

    if failure is not None:
        reply = {"values": failure.values, "errors": failure.errors}
    else:
        asked = _reply_to(request, count)
        reply = {"values": {"reply_to": str(asked or "")}, "errors": {}}
    return {
        **common(request, dialogue),
        "page_title": thread.title,
        "thread": thread,
        "topic": topic_label(request, thread),
        "messages": messages,
        "files": {f: thread.files[f] for m in messages for f in m.files},
        "message_url": lambda number: (
            f"#m{number}"
            if low <= number <= shown
            else message_url(request, thread, number)
        ),
        "page": page,
        "pages": pages,
        "prev_url": page > 1 and page_url(page - 1),
        "next_url": page < pages and page_url(page + 1),
        "shown_upto": shown,
        "read_upto": thread.read_marks.get(login, 0),
        "unread": thread.unread(login),
        "decisions": dialogue.decisions_for(thread.number),
        "can_post": bool(request.has_permission(P.POST, thread)),
        "can_decide": bool(request.has_permission(P.DECIDE, thread)),
        "can_see_versions": bool(request.has_permission(P.VIEW_VERSIONS, thread)),
        "reply": reply,
    }


@view_config(context=Thread, renderer=THREAD_PAGE, permission=P.VIEW, **READ)
def thread_view(context: Thread, request):
    return thread_page(context, request)


@view_config(
    context=Thread,
    name="reply",
    renderer=THREAD_PAGE,
    permission=P.POST,
    request_method="POST",
)
def reply(context: Thread, request):
    """A new message, replying to and quoting another if asked."""
    schema = ReplySchema()
    try:
        with forms.refusals(request, schema):
            values = forms.read(request, schema)
            message = post(
                context,
                values["text"],
                request.identity.user,
                reply_to=values["reply_to"],
                quote=values["quote"],
                files=forms.uploads(request),
            )
            follow_up(request, context, message)
    except FormErrors as failure:
        request.tm.doom()  # files stored before the refusal go too
        request.response.status = 400
        return thread_page(context, request, failure)
    flash(request, _("Your message is posted."))
    return HTTPSeeOther(location=message_url(request, context, message.number))


def _message(context: Thread, request):
    """The message the subpath names, or 404."""
    name = request.subpath[0] if len(request.subpath) == 1 else ""
    asked = number(name)
    found = context.messages.get(asked) if asked is not None else None
    if found is None:
        raise HTTPNotFound()
    return found


def _correction_page(
    context: Thread, request, message, text: str, base: int, **extra
) -> dict:
    return {
        **common(request, context.dialogue),
        "page_title": request.translate(
            _(
                "Correct message ${number} of “${thread}”",
                mapping={"number": message.number, "thread": context.title},
            )
        ),
        "thread": context,
        "message": message,
        "text": text,
        "base": base,
        "errors": {},
        "conflict": None,
        "back_url": message_url(request, context, message.number),
        **extra,
    }


@view_config(
    context=Thread,
    name="correct",
    renderer=CORRECT_PAGE,
    permission=P.POST,
    request_method=("GET", "HEAD", "POST"),
)
def correction(context: Thread, request):
    """An author's new version of its own message (the old one is kept)."""
    message = _message(context, request)
    if message.author != request.identity.login:
        raise HTTPForbidden(
            request.translate(_("Only the author of a message may correct it."))
        )
    if request.method != "POST":
        return _correction_page(
            context, request, message, message.text, message.revision
        )
    schema = CorrectionSchema()
    try:
        with forms.refusals(request, schema):
            values = forms.read(request, schema)
            version = correct(
                context,
                message.number,
                values["text"],
                request.identity.user,
                values["base"],
            )
            if version is not None:
                publish.refresh_after_post(request, context, message)
    except FormErrors as failure:
        request.tm.doom()
        request.response.status = 400
        base = failure.values.get("base", "")
        return _correction_page(
            context,
            request,
            message,
            failure.values.get("text", ""),
            number(base) if number(base) is not None else message.revision,
            errors=failure.errors,
        )
    except Stale as stale:
        # Corrected meanwhile (another window): both texts, nothing lost.
        request.response.status = 409
        return _correction_page(
            context,
            request,
            message,
            request.POST.get("text", ""),
            stale.current.number,
            conflict=stale.current,
        )
    flash(
        request,
        _("The message is corrected; the earlier version is kept.")
        if version is not None
        else _("The text is unchanged: nothing was saved."),
    )
    return HTTPSeeOther(location=message_url(request, context, message.number))


@view_config(
    context=Thread,
    name="versions",
    renderer=VERSIONS_PAGE,
    permission=P.VIEW_VERSIONS,
    **READ,
)
def versions(context: Thread, request):
    """Every version of one message, oldest first, with who and when."""
    message = _message(context, request)
    return {
        **common(request, context.dialogue),
        "page_title": request.translate(
            _(
                "Versions of message ${number} of “${thread}”",
                mapping={"number": message.number, "thread": context.title},
            )
        ),
        "thread": context,
        "message": message,
        "back_url": message_url(request, context, message.number),
    }


@view_config(context=Thread, name="read", permission=P.VIEW, request_method="POST")
def read(context: Thread, request):
    """Move the reader's mark up to ``upto`` (sent by the page's script, in
    JSON, or by its button).  Reading is not writing to the dialogue: a
    reader who may not post, or an archive's reader, keeps its mark too."""
    json = "application/json" in request.headers.get("Accept", "")
    try:
        upto = forms.read(request, ReadSchema())["upto"]
    except FormErrors as failure:
        if json:
            return Response(json_body={"errors": failure.errors}, status=400)
        raise HTTPBadRequest(
            request.translate(_("Say up to which message you have read."))
        ) from None
    login = request.identity.login
    mark_read(context, login, upto)
    if json:
        return Response(json_body={"unread": context.unread(login)})
    flash(request, _("Marked as read."))
    return HTTPSeeOther(location=request.resource_url(context))
