"""``dialogue/decide`` and ``dialogue/N/decide``: who may read (¶37, ¶40, ¶41).

The focal point of the State under review opens the whole dialogue, or one
thread, to the officials of every State party (¶40) or to the public (¶41,
a published copy), or narrows it back.  Every decision is recorded with
who and when and shown on the threads it concerns; the public copies then
follow (:func:`.publish.sync`).
"""

from __future__ import annotations

from pyramid.view import view_config

from ..i18n import _
from . import forms, publish
from .forms import DecisionSchema, FormErrors
from .permissions import DialoguePermission as P
from .resources import LEVELS, Dialogue, Thread
from .threads import decide
from .views import common

DECIDE_PAGE = "sherloc_review:templates/dialogue/decide.pt"


def _page(context, request, failure: FormErrors | None = None) -> dict:
    thread = context if isinstance(context, Thread) else None
    dialogue = context.dialogue if thread is not None else context
    translate = request.translate
    if thread is None:
        title = _("Who may read the dialogue")
        decisions = dialogue.decisions
    else:
        title = _(
            "Who may read the thread “${thread}”", mapping={"thread": thread.title}
        )
        decisions = dialogue.decisions_for(thread.number)
    return {
        **common(request, dialogue),
        "page_title": translate(title),
        "thread": thread,
        "current": context.level,
        "levels": [(level, translate(forms.LEVEL_HELP[level])) for level in LEVELS],
        "decisions": decisions,
        "seen": len(dialogue.decisions),
        "errors": failure.errors if failure is not None else {},
    }


@view_config(
    context=Dialogue,
    name="decide",
    renderer=DECIDE_PAGE,
    permission=P.DECIDE,
    request_method=("GET", "HEAD"),
)
@view_config(
    context=Thread,
    name="decide",
    renderer=DECIDE_PAGE,
    permission=P.DECIDE,
    request_method=("GET", "HEAD"),
)
def decision_form(context, request):
    return _page(context, request)


@view_config(
    context=Dialogue,
    name="decide",
    renderer=DECIDE_PAGE,
    permission=P.DECIDE,
    request_method="POST",
)
@view_config(
    context=Thread,
    name="decide",
    renderer=DECIDE_PAGE,
    permission=P.DECIDE,
    request_method="POST",
)
def decide_who_reads(context, request):
    thread = context if isinstance(context, Thread) else None
    dialogue = context.dialogue if thread is not None else context

    def act(values: dict) -> str:
        login = request.identity.login
        decide(dialogue, values["level"], login, thread, values["seen"])
        publish.sync(request, dialogue)  # refuses a file altered in store
        return request.resource_url(context)

    return forms.acted(
        request,
        context,
        DecisionSchema(),
        _page,
        act,
        _("The decision is recorded and shown on the threads."),
    )
