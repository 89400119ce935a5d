"""``phase-N/observations``: the list of observations, drafted and agreed
(¶38, ¶39).

The page shows the current version under the blueprint, who approved
which version, and the forms of the reader's part: add an entry (``add``),
edit or remove one (``edit``, ``remove``, over the revision read: a stale
save comes back, 409, with the other writer's text beside one's own), and
approve the version read (``approve``).  ``versions`` lists every version
and compares any two.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..dialogue.forms import FormErrors, acted, read
from ..i18n import _
from ..numbers import number
from ..versioned import Stale
from .blueprint import NEEDS, PRIORITIES
from .forms import EntrySchema, chosen
from .lists import approve_list, instruments_of, remove_entry, save_entry
from .pages import (
    approval,
    cite_choices,
    cite_link,
    common,
    grouped,
    mechanism_of,
    party_of,
    place_choices,
    readable,
)
from .permissions import OutcomePermission as P
from .resources import LIST_APPROVING, LIST_DRAFTING, Observations

LIST_PAGE = "sherloc_review:templates/outcomes/list.pt"
ENTRY_PAGE = "sherloc_review:templates/outcomes/entry.pt"
READ = {"request_method": ("GET", "HEAD")}
POST = {"request_method": "POST"}


def _form(failure: FormErrors | None, values: dict | None = None) -> dict:
    if failure is not None:
        return {"values": failure.values, "errors": failure.errors}
    return {"values": values or {}, "errors": {}}


def list_page(context: Observations, request, failure=None) -> dict:
    party = party_of(request)
    mine = instruments_of(context, party)
    values = common(request, context)
    return {
        **values,
        "page_title": request.translate(
            _(
                "List of observations: ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": context.phase.number},
            )
        ),
        "groups": grouped(context.phase, readable(request, context, context.entries)),
        "withheld": context.withheld,
        "cite_of": lambda cite: cite_link(request, context, cite),
        "drafting": context.phase.state in LIST_DRAFTING and context.agreed is None,
        "approving": context.phase.state == LIST_APPROVING,
        "may_edit": lambda entry: values["can_edit"] and entry.instrument in mine,
        "place_choices": place_choices(request, context, party),
        "cite_choices": cite_choices(request, context) if values["can_edit"] else [],
        "needs": NEEDS,
        "priorities": PRIORITIES,
        "can_withhold": bool(request.has_permission(P.WITHHOLD, context)),
        "can_read_paper": bool(request.has_permission(P.READ_PAPER, context)),
        "form": _form(failure),
    }


@view_config(context=Observations, renderer=LIST_PAGE, permission=P.VIEW, **READ)
def list_view(context: Observations, request):
    return list_page(context, request)


def _entry_fields(request, context, values) -> dict:
    instrument, _sep, article = values["place"].partition(":")
    return {
        "instrument": instrument,
        "article": article,
        "kind": values["kind"],
        "text": values["text"],
        "cites": chosen(request, "cites", dict(cite_choices(request, context))),
        "need": values["need"],
        "priority": values["priority"],
    }


@view_config(
    context=Observations, name="add", renderer=LIST_PAGE, permission=P.EDIT, **POST
)
def add_entry(context: Observations, request):
    def act(values):
        entry = save_entry(
            context,
            party_of(request),
            request.identity.login,
            request.clock.now().timestamp(),
            **_entry_fields(request, context, values),
        )
        return request.resource_url(context, anchor=f"entry-{entry.number}")

    return acted(
        request, context, EntrySchema(), list_page, act, _("Observation added.")
    )


def _asked_entry(request, context: Observations):
    found = number(request.params.get("entry", ""))
    entry = context.current.entry(found) if found and context.current else None
    if entry is None or not readable(request, context, [entry]):
        raise HTTPNotFound()
    return entry


def entry_page(context, request, failure=None, conflict=None) -> dict:
    entry = _asked_entry(request, context)
    values = {
        "place": f"{entry.instrument}:{entry.article}"
        if entry.article
        else entry.instrument,
        "kind": entry.kind,
        "need": entry.need,
        "priority": entry.priority,
        "text": entry.text,
        "base": str(entry.revision),
        "cites": entry.cites,
    }
    form = _form(failure, values)
    form["values"].setdefault("cites", request.POST.getall("cites"))
    return {
        **list_page(context, request),
        "page_title": request.translate(
            _("Observation ${number}", mapping={"number": entry.number})
        ),
        "entry": entry,
        "form": form,
        "conflict": conflict,
    }


@view_config(
    context=Observations, name="edit", renderer=ENTRY_PAGE, permission=P.EDIT, **READ
)
def edit_form(context: Observations, request):
    return entry_page(context, request)


def _stale_page(context, request, stale: Stale) -> dict:
    """The form again over the revision saved meanwhile: the writer's text
    kept, the other writer's shown beside it (409)."""
    request.tm.doom()
    request.response.status = 409
    sent = read(request, EntrySchema())
    failure = FormErrors(
        {**{k: str(v) for k, v in sent.items()}, "base": str(stale.current.number)},
        {},
    )
    return entry_page(context, request, failure, stale.current)


def _entry_act(context, request, page, act, done):
    entry = _asked_entry(request, context)
    try:
        return acted(request, context, EntrySchema(), page, act(entry), done)
    except Stale as stale:
        return _stale_page(context, request, stale)
    except KeyError:
        raise HTTPNotFound() from None


@view_config(
    context=Observations, name="edit", renderer=ENTRY_PAGE, permission=P.EDIT, **POST
)
def edit_entry(context: Observations, request):
    def act(entry):
        def save(values):
            save_entry(
                context,
                party_of(request),
                request.identity.login,
                request.clock.now().timestamp(),
                entry=entry.number,
                base=values["base"],
                **_entry_fields(request, context, values),
            )
            return request.resource_url(context, anchor=f"entry-{entry.number}")

        return save

    return _entry_act(context, request, entry_page, act, _("Observation saved."))


@view_config(
    context=Observations, name="remove", renderer=ENTRY_PAGE, permission=P.EDIT, **POST
)
def remove(context: Observations, request):
    def act(entry):
        def take_out(values):
            remove_entry(
                context,
                party_of(request),
                request.identity.login,
                request.clock.now().timestamp(),
                entry.number,
                values["base"],
            )
            return request.resource_url(context)

        return take_out

    done = _("Observation removed: earlier versions keep it.")
    return _entry_act(context, request, entry_page, act, done)


@view_config(
    context=Observations,
    name="approve",
    renderer=LIST_PAGE,
    permission=P.APPROVE,
    **POST,
)
def approve(context: Observations, request):
    return approval(
        request,
        context,
        list_page,
        lambda version: approve_list(
            mechanism_of(context),
            context,
            party_of(request),
            version,
            request.identity.login,
            request.clock.today(),
            request.clock.now().timestamp(),
        ),
        _("Every party approved: the list of observations is agreed."),
    )
