"""``/review/dialogue-search?q=``: search the dialogue one may read (¶33, ¶40).

Open to whoever sees the mechanism (the officials of every State, the
Secretariat, the Chair and the Bureau); what each finds is decided message
by message (:mod:`.search`): the participants their reviews' dialogue, the
Secretariat everything, an official of another State party only what a
State under review opened to all States parties (¶40), the others nothing.
"""

from __future__ import annotations

from pyramid.view import view_config

from ..draws.views import state_name
from ..i18n import _
from ..labels import stamp
from ..mechanism.resources import ReviewMechanism
from ..permissions import ReviewPermission
from .search import LIMIT, search
from .thread_views import message_url

#: The longest query taken (characters).
MAX_QUERY = 200


@view_config(
    context=ReviewMechanism,
    name="dialogue-search",
    renderer="sherloc_review:templates/dialogue/search.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    request_method="GET",
)
def search_dialogue(context: ReviewMechanism, request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    hits, more = search(request, context, query) if query else ([], False)
    states = context["states"]
    return {
        "page_title": request.translate(_("Search the dialogue")),
        "query": query,
        "max_query": MAX_QUERY,
        "hits": [
            {
                "title": hit.thread.title,
                "state": state_name(states, hit.thread.dialogue.country.iso3),
                "phase": hit.thread.dialogue.phase.number,
                "number": hit.message.number,
                "author": hit.message.author,
                "at": stamp(hit.message.at),
                "excerpt": hit.excerpt,
                "url": message_url(request, hit.thread, hit.message.number),
            }
            for hit in hits
        ],
        "more": more,
        "limit": LIMIT,
    }
