"""The public pages of the dialogue (¶41): anyone reads the copies.

``/knowledge/dialogues`` lists the phases whose dialogue is public in
part or whole, each phase's page its public threads (and the written
feedback when the whole dialogue is public), each thread's page its
messages a page at a time, and the files are downloaded as attachments.
They read only the copies :mod:`.publish` made, never the review; a
withdrawn copy answers 410 Gone.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPGone, HTTPNotFound
from pyramid.view import view_config

from ..feedback.resources import KIND_LABELS as ITEM_KIND_LABELS
from ..i18n import _
from ..labels import stamp
from ..responses import files
from ..responses.publish_views import PUBLIC
from . import forms
from .publish import PublishedDialogues, PublishedReview, PublishedThread
from .views import page_number, topic_label

INDEX_PAGE = "sherloc_review:templates/dialogue/public_index.pt"
REVIEW_PAGE = "sherloc_review:templates/dialogue/public_review.pt"
THREAD_PAGE = "sherloc_review:templates/dialogue/public_thread.pt"
WITHDRAWN_PAGE = "sherloc_review:templates/dialogue/public_withdrawn.pt"
#: Threads on one page of a phase, messages on one page of a thread.
THREADS_PAGE_SIZE = 50
MESSAGES_PAGE_SIZE = 100


def _gone(request, listing: PublishedDialogues) -> dict:
    request.response.status = 410
    request.override_renderer = WITHDRAWN_PAGE
    return {
        "page_title": request.translate(_("No longer public")),
        "listing_url": request.resource_url(listing),
    }


def _paging(request, context, total: int, size: int) -> dict:
    """``page``, ``pages``, the first index shown and the pager's links."""
    pages = max(1, -(-total // size))
    page = page_number(request, pages)

    def page_url(number: int) -> str:
        return request.resource_url(context, query={"page": str(number)})

    return {
        "page": page,
        "pages": pages,
        "start": (page - 1) * size,
        "prev_url": page > 1 and page_url(page - 1),
        "next_url": page < pages and page_url(page + 1),
    }


def _party_label(request, review: PublishedReview):
    secretariat = request.translate(_("Secretariat"))

    def label(party: str) -> str:
        if party == "secretariat":
            return secretariat
        return review.names.get(party, party)

    return label


def _review_title(request, review: PublishedReview) -> str:
    return request.translate(
        _(
            "Dialogue with ${state}, phase ${phase}",
            mapping={"state": review.state_name, "phase": review.phase},
        )
    )


@view_config(context=PublishedDialogues, renderer=INDEX_PAGE, **PUBLIC)
def published_dialogues(context: PublishedDialogues, request):
    return {
        "page_title": request.translate(_("Published dialogues")),
        "reviews": context.shown(),
    }


@view_config(context=PublishedReview, renderer=REVIEW_PAGE, **PUBLIC)
def published_review(context: PublishedReview, request):
    if not context.shown:
        return _gone(request, context.__parent__)
    paging = _paging(request, context, len(context.live), THREADS_PAGE_SIZE)
    start = paging["start"]
    numbers = list(context.live)[start : start + THREADS_PAGE_SIZE]
    return {
        **paging,
        "page_title": _review_title(request, context),
        "review": context,
        "threads": [context.threads[n] for n in numbers],
        "topic_label": lambda thread: topic_label(request, thread),
        "party": _party_label(request, context),
        "item_kinds": {k: request.translate(v) for k, v in ITEM_KIND_LABELS.items()},
        "place": lambda item: forms.place(request, item.instrument, item.article),
        "stamp": stamp,
    }


@view_config(context=PublishedThread, renderer=THREAD_PAGE, **PUBLIC)
def published_thread(context: PublishedThread, request):
    review = context.__parent__
    if context.withdrawn:
        return _gone(request, review.__parent__)
    paging = _paging(request, context, context.copied, MESSAGES_PAGE_SIZE)
    first = paging["start"] + 1
    last = first + MESSAGES_PAGE_SIZE - 1

    def message_url(number: int) -> str:
        page = (number - 1) // MESSAGES_PAGE_SIZE + 1
        query = {"page": str(page)} if page > 1 else {}
        return request.resource_url(context, query=query) + f"#message-{number}"

    return {
        **paging,
        "page_title": context.title,
        "review": review,
        "review_title": _review_title(request, review),
        "thread": context,
        "topic": topic_label(request, context),
        "record_kinds": {k: request.translate(v) for k, v in forms.KIND_LABELS.items()},
        "messages": list(context.messages.values(first, last)),
        "message_url": message_url,
        "party": _party_label(request, review),
        "stamp": stamp,
    }


@view_config(context=PublishedThread, name="file", **PUBLIC)
def published_file(context: PublishedThread, request):
    """A published file, always as an attachment, never rendered inline."""
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    if context.withdrawn:
        raise HTTPGone()
    found = context.file(request.subpath[0])
    if found is None:
        raise HTTPNotFound()
    return files.download(None, found.filename, public=True, blob=found.blob)
