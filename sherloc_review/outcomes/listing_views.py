"""``/review/outcomes``: the agreed lists of observations and the issued
summaries of every review, for the Conference and its working groups
(¶38, ¶43).

Rows come from the cycle's index (the reviews past the list's agreement),
each checked against the list's and the summary's own ACLs, so a reader
sees only the papers it may open.  States are listed by name: nothing is
ordered by any measure of performance (¶4(b)).
"""

from __future__ import annotations

from pyramid.view import view_config

from ..draws.views import state_name
from ..i18n import _
from ..labels import LANGUAGE_LABELS
from ..mechanism.resources import ReviewMechanism
from ..permissions import ReviewPermission
from .permissions import OutcomePermission as P
from .resources import LANGUAGES

LISTING_PAGE = "sherloc_review:templates/outcomes/listing.pt"
#: Phases whose list of observations is agreed (¶39).
AGREED_STATES = ("summary", "concluded")


def agreed_list(mechanism, row):
    """The agreed list of observations of the review ``row`` (of the
    cycle's index) names, or ``None``: a phase stepped on by hand before
    lists were agreed in this module has none."""
    if row.state not in AGREED_STATES:
        return None
    observations = mechanism["countries"][row.iso3].phases[row.phase].observations
    return observations if observations and observations.agreed else None


def agreed_outcomes(request, mechanism: ReviewMechanism) -> list[dict]:
    """The agreed lists (and issued summaries) the reader may open."""
    cycle = mechanism.get("cycle")
    if cycle is None or mechanism.get("countries") is None:
        return []
    states = mechanism["states"]
    found = []
    for row in cycle.rows():
        observations = agreed_list(mechanism, row)
        if observations is None:
            continue
        if not request.has_permission(P.READ_PAPER, observations):
            continue
        summary = observations.summary
        issued = summary.issued_on is not None and request.has_permission(
            P.READ_PAPER, summary
        )
        found.append(
            {
                "iso3": row.iso3,
                "name": state_name(states, row.iso3),
                "phase": row.phase,
                "cluster": row.cluster,
                "agreed_on": observations.agreed.on,
                "paper_url": request.resource_url(observations, "paper"),
                "summary_urls": [
                    (lang, request.resource_url(summary, "read", query={"lang": lang}))
                    for lang in LANGUAGES
                ]
                if issued
                else [],
            }
        )
    return sorted(found, key=lambda r: (r["name"], r["phase"]))


@view_config(
    context=ReviewMechanism,
    name="outcomes",
    renderer=LISTING_PAGE,
    permission=ReviewPermission.MECHANISM_VIEW,
    request_method=("GET", "HEAD"),
)
def outcomes(context: ReviewMechanism, request):
    return {
        "page_title": request.translate(_("Lists of observations and summaries (¶38)")),
        "rows": agreed_outcomes(request, context),
        "language_labels": {
            k: request.translate(v) for k, v in LANGUAGE_LABELS.items()
        },
    }
