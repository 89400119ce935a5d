"""``observations/paper`` and ``observations/paper.pdf``: the conference
room paper (¶38), for the working groups once the list is agreed, and as
a preview for the parties before."""

from __future__ import annotations

from pyramid.view import view_config

from ..draws.views import state_name
from ..i18n import _
from ..responses import files
from ..responses.pdf import ExportMeta, draw
from .pages import mechanism_of
from .paper import paper_blocks
from .permissions import OutcomePermission as P
from .resources import Observations

PAPER_PAGE = "sherloc_review:templates/outcomes/paper.pt"
READ = {"request_method": ("GET", "HEAD")}


@view_config(
    context=Observations,
    name="paper",
    renderer=PAPER_PAGE,
    permission=P.READ_PAPER,
    **READ,
)
def paper(context: Observations, request):
    blocks = paper_blocks(request, context)
    return {
        "page_title": blocks[0].text,
        "blocks": blocks[1:],
        "outcome": context,
        "can_view": bool(request.has_permission(P.VIEW, context)),
    }


@view_config(context=Observations, name="paper.pdf", permission=P.READ_PAPER, **READ)
def paper_pdf(context: Observations, request):
    phase = context.phase
    iso3 = phase.country.iso3
    blocks = paper_blocks(request, context)
    meta = ExportMeta(
        translate=request.translate,
        state_name=state_name(mechanism_of(context)["states"], iso3),
        title=blocks[0].text,
        generated=request.clock.now(),
        confidential=context.agreed is None,
        language=request.locale_name,
    )
    lost = _(
        "Some text is in a script this server has no font for (${count} different "
        "characters): it is left out of this PDF. Read the paper as a web page to "
        "see every text in full."
    )
    meanwhile = _(
        "This server cannot make PDF files yet (its fonts are missing). "
        "Read the paper as a web page meanwhile."
    )
    with files.fonts_or_503(request, meanwhile):
        body = draw(blocks, meta, lost)
    name = f"{iso3}-phase-{phase.number}-observations.pdf"
    return files.download(body, name, "application/pdf")
