"""What is reached without logging in: the public status and calendar feeds.

``/review/cycle/status`` shows counts only (:mod:`.status`).
``/review/cycle/feed/<secret>.ics`` serves a user's deadlines to a calendar
application (:class:`.resources.Feeds`, the other public node);
``/review/cycle/calendar`` is where a logged-in official makes (or
replaces) that secret address.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.accounts.mails import public_link
from sherloc_portal.i18n import localizer_for
from sherloc_portal.settings import LANGUAGES

from ..draws.views import state_name
from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS
from .calendar import SUFFIX, Event, new_feed, owner, render
from .dashboard_views import NO_REGION_LABEL
from .permissions import CyclePermission
from .resources import FEEDS_NAME, SESSIONS_NAME, Cycle, FeedAddress, PublicStatus
from .status import NO_REGION, public_status
from .workflow import STATE_LABELS

EVENT_SUMMARIES = {
    "responses": _("Responses due (¶34): review of ${state}, phase ${phase}"),
    "feedback": _("Written feedback due (¶35): review of ${state}, phase ${phase}"),
}


@view_config(
    context=PublicStatus,
    renderer="sherloc_review:templates/cycle/status.pt",
    permission=CyclePermission.STATUS,
    request_method=("GET", "HEAD"),
)
def status_page(context, request):
    regions = {k: request.translate(v) for k, v in REGIONAL_GROUP_LABELS.items()}
    regions[NO_REGION] = request.translate(NO_REGION_LABEL)
    return {
        "page_title": request.translate(_("Status of the review mechanism")),
        "status": public_status(context.cycle),
        "stages": {k: request.translate(v) for k, v in STATE_LABELS.items()},
        "regions": regions,
    }


@view_config(
    context=Cycle,
    name="calendar",
    renderer="sherloc_review:templates/cycle/calendar.pt",
    permission=CyclePermission.OWN,
    request_method=("GET", "HEAD", "POST"),
)
def calendar_page(context, request):
    login = request.identity.login
    address = ""
    if request.method == "POST":
        secret = new_feed(context, request.identity.user)
        address = public_link(
            request, request.resource_path(context, FEEDS_NAME, secret + SUFFIX)
        )
        request.response.cache_control = "no-store"
    return {
        "page_title": request.translate(_("Deadlines in your calendar")),
        "has_feed": login in context.feed_of,
        "address": address,
    }


def _participates(row, iso3: str) -> bool:
    return row.iso3 == iso3 or iso3 in row.reviewers


def feed_events(request, cycle, user) -> list[Event]:
    """The deadlines ``user`` may see today, in ``user``'s language."""
    mechanism = cycle.__parent__
    secretariat = "secretariat" in user.roles
    states = mechanism["states"]
    state = states.get(user.state) if user.state else None
    if not secretariat and state is None:
        return []
    language = user.language if user.language in LANGUAGES else "en"
    localizer = localizer_for(request, language)
    events = []
    for row in cycle.rows():
        if not secretariat and not _participates(row, user.state):
            continue
        for item, day in (
            ("responses", row.responses_due),
            ("feedback", row.feedback_due),
        ):
            if day is None:
                continue
            summary = localizer.translate(
                EVENT_SUMMARIES[item],
                mapping={"state": state_name(states, row.iso3), "phase": row.phase},
            )
            path = request.resource_path(
                mechanism["countries"][row.iso3], f"phase-{row.phase}"
            )
            events.append(
                Event(
                    f"{item}-{row.iso3}-{row.phase}@sherloc-review",
                    day,
                    summary,
                    public_link(request, path),
                )
            )
    if secretariat or state.is_party("UNTOC"):
        for session in cycle[SESSIONS_NAME].values():
            events.append(
                Event(
                    f"session-{session.__name__}@sherloc-review",
                    session.starts,
                    session.title,
                    public_link(request, request.resource_path(session)),
                    end=session.ends,
                )
            )
    return sorted(events, key=lambda e: (e.day, e.uid))


@view_config(
    context=FeedAddress,
    permission=CyclePermission.FEED,
    request_method=("GET", "HEAD"),
)
def feed(context, request):
    """The feed of the secret in the path; a plain 404 for anything else.

    Returned, not raised: the portal's not-found view would send a browser
    to the login page, which means nothing to a calendar application.
    """
    name = context.__name__
    cycle = context.__parent__.cycle
    user = (
        owner(cycle, request.root["users"], name[: -len(SUFFIX)])
        if name.endswith(SUFFIX) and not request.subpath
        else None
    )
    if user is None:
        return HTTPNotFound()
    language = user.language if user.language in LANGUAGES else "en"
    body = render(
        feed_events(request, cycle, user),
        request.clock.now(),
        localizer_for(request, language).translate(_("SHERLOC review deadlines")),
    )
    response = Response(body, content_type="text/calendar", charset="utf-8")
    response.cache_control = "private, no-store"
    return response
