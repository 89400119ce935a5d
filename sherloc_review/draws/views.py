"""``/review/draws``: prepare, reveal and publish a drawing of lots (¶28).

The Secretariat prepares a draw (the commitment is shown at once), then at
the meeting reveals the seed and runs it; the result page shows, State by
State, who reviews whom, prints cleanly, and links the record for
``sherloc-draw verify``.  State officials see the records; only the
Secretariat prepares and runs them.
"""

from __future__ import annotations

import json

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..draw import DrawError
from ..draw.errors import render
from ..i18n import _
from ..labels import INSTRUMENT_CODES_LABELS, REDRAW_REASON_LABELS, ROLE_LABELS
from .meeting import new_seed, prepare, run
from .permissions import DrawPermission
from .resources import DrawRecord, Draws

RECORD_PAGE = "sherloc_review:templates/draws/record.pt"


def explain(request, error: DrawError) -> str:
    """An engine error in the reader's language."""
    return render(error.message, request.translate)


@view_config(
    context=Draws,
    renderer="sherloc_review:templates/draws/index.pt",
    permission=DrawPermission.VIEW,
    request_method=("GET", "HEAD"),
)
def draws_index(context, request):
    records = sorted(context.values(), key=lambda r: int(r.number), reverse=True)
    return {
        "page_title": request.translate(_("Drawing of lots")),
        "records": records,
        "followed": followed_draw(context),
        "can_manage": request.has_permission(DrawPermission.MANAGE, context),
    }


def followed_draw(draws) -> str:
    """The number of the draw the reviews follow ("" before any)."""
    countries = draws.__parent__.get("countries")
    return countries.draw if countries is not None else ""


class PrepareSchema(CSRFSchema):
    """Only a title: the portal makes the seed (192 random bits), so that no
    one can find it from its published commitment by guessing."""

    title = colander.SchemaNode(
        colander.String(),
        title=_("Title"),
        description=_("For example: Joint intersessional meeting, November 2026."),
        validator=colander.Length(min=3, max=200),
    )


@view_config(
    context=Draws,
    name="prepare",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=DrawPermission.MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class PrepareView(FormView):
    """Freeze the population and publish the commitment of a new draw."""

    schema = PrepareSchema
    formid = "prepare-draw"
    failure_status = 400
    buttons = (deform.Button("prepare", _("Prepare the draw")),)

    title = _("Prepare a drawing of lots")
    intro = _(
        "The States and their participation are frozen as they are "
        "now, and the commitment to the seed (its SHA-256 hash) is "
        "published. At the meeting, reveal the seed and run the draw: "
        "anyone can then check the seed against the commitment and "
        "replay the draw."
    )

    def prepare_success(self, appstruct: dict):
        request = self.request
        try:
            record = prepare(
                self.context.__parent__,
                appstruct["title"].strip(),
                new_seed(),
                request.identity.login,
            )
        except DrawError as error:
            raise ActionRefused(explain(request, error)) from error
        flash(
            request,
            _(
                "Draw ${number} is prepared. Its commitment is published; the "
                "seed stays secret until you reveal it.",
                mapping={"number": record.number},
            ),
        )
        return HTTPSeeOther(location=request.resource_url(record))


def _reviews_table(request, record: DrawRecord) -> list[dict]:
    result = record.current()
    if result is None:
        return []
    states = record.__parent__.__parent__["states"]
    roles = {k: request.translate(v) for k, v in ROLE_LABELS.items()}
    instruments = {k: request.translate(v) for k, v in INSTRUMENT_CODES_LABELS.items()}
    rows = []
    for review in result.reviews:
        rows.append(
            {
                "iso3": review.under_review,
                "name": state_name(states, review.under_review),
                "group": result.group_of(review.under_review),
                "reviewers": [
                    {
                        "iso3": a.state,
                        "name": state_name(states, a.state),
                        "role": roles[a.role],
                        "instruments": ", ".join(instruments[i] for i in a.instruments),
                    }
                    for a in review.reviewers
                ],
            }
        )
    rows.sort(key=lambda row: str(row["name"]))
    return rows


def state_name(states, iso3: str) -> str:
    """A State's name, or its code if the mechanism no longer lists it."""
    state = states.get(iso3)
    return state.name if state is not None else iso3


@view_config(
    context=DrawRecord,
    renderer=RECORD_PAGE,
    permission=DrawPermission.VIEW,
    request_method=("GET", "HEAD"),
)
def record_page(context, request, error=None):
    mechanism = context.__parent__.__parent__
    countries = mechanism.get("countries")
    followed = countries is not None and countries.draw == context.number
    population = context.population()
    result = context.current()
    can_manage = request.has_permission(DrawPermission.MANAGE, context)
    return {
        "page_title": request.translate(
            _(
                "Draw ${number}: ${title}",
                mapping={"number": context.number, "title": context.title},
            )
        ),
        "record": context,
        "under_review": len(population.under_review),
        "reviewers": len(population.reviewers),
        "groups": result.groups if result is not None else (),
        "rows": _reviews_table(request, context),
        "redraws": result.redraws if result is not None else (),
        "reasons": {k: request.translate(v) for k, v in REDRAW_REASON_LABELS.items()},
        "followed": followed,
        "awaiting": countries.awaiting if followed and can_manage else (),
        "countries_url": request.resource_url(countries) if followed else "",
        "can_manage": can_manage,
        "error": error,
    }


@view_config(
    context=DrawRecord,
    name="run",
    renderer=RECORD_PAGE,
    permission=DrawPermission.MANAGE,
    request_method="POST",
)
def run_draw(context, request):
    """Reveal the seed, draw, and make the reviews follow this draw."""
    if context.drawn:
        request.response.status = 409
        return record_page(
            context, request, request.translate(_("This draw was already made."))
        )
    try:
        run(context.__parent__.__parent__, context, request.identity.login)
    except DrawError as error:
        request.response.status = 400
        return record_page(context, request, explain(request, error))
    flash(
        request,
        _(
            "The seed is revealed and the draw is made: every State's review now "
            "follows draw ${number}.",
            mapping={"number": context.number},
        ),
    )
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(
    context=DrawRecord,
    name="record.json",
    permission=DrawPermission.VIEW,
    request_method=("GET", "HEAD"),
)
def download(context, request):
    """The record for ``sherloc-draw verify`` (the seed only once revealed)."""
    body = json.dumps(context.download(), ensure_ascii=False, indent=2) + "\n"
    response = Response(body=body.encode("utf-8"), content_type="application/json")
    response.content_disposition = (
        f'attachment; filename="sherloc-draw-{context.number}.json"'
    )
    return response
