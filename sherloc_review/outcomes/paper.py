"""The conference room paper: the list of observations for the working
groups (¶38, ¶43), described once as blocks and drawn as HTML or PDF.

It is the agreed version (before the agreement, the current one, marked
as a draft: the parties' preview) under the blueprint, without the entries
the State under review keeps confidential; when it withheld any, the paper
says that parts are withheld, never which or how many.  It cites nothing
of the confidential responses or dialogue.
"""

from __future__ import annotations

from ..dialogue.forms import place
from ..draws.views import state_name
from ..i18n import _
from ..responses.pdf import Block
from .blueprint import KIND_LABELS, NEED_LABELS, PRIORITY_LABELS
from .pages import grouped, mechanism_of, readable
from .resources import Observations


def paper_version(observations: Observations):
    agreed = observations.agreed
    return observations.versions[agreed.version] if agreed else observations.current


def paper_blocks(request, observations: Observations) -> list[Block]:
    t = request.translate
    phase = observations.phase
    states = mechanism_of(observations)["states"]
    version = paper_version(observations)
    reviewers = ", ".join(state_name(states, r.state) for r in phase.country.reviewers)
    blocks = [
        Block(
            "title",
            t(
                _(
                    "List of observations: ${state}, phase ${phase}",
                    mapping={
                        "state": state_name(states, phase.country.iso3),
                        "phase": phase.number,
                    },
                )
            ),
        ),
        Block("fact", t(_("Conference room paper (¶38)"))),
        Block(
            "fact",
            t(_("Reviewing States: ${states}", mapping={"states": reviewers})),
        ),
    ]
    agreed = observations.agreed
    if agreed is not None:
        blocks.append(
            Block(
                "fact",
                t(
                    _(
                        "Agreed by every party on ${on} (¶39).",
                        mapping={"on": agreed.on},
                    )
                ),
            )
        )
    else:
        blocks.append(
            Block(
                "note",
                t(
                    _(
                        "Draft (version ${version}), not agreed: a preview for the "
                        "parties to the review.",
                        mapping={"version": version.number if version else 0},
                    )
                ),
            )
        )
    withheld = observations.withheld
    listed = readable(request, observations, version.entries if version else ())
    entries = [e for e in listed if e.number not in withheld]
    if len(entries) < len(listed):
        blocks.append(
            Block(
                "note",
                t(
                    _(
                        "Parts of this list are kept confidential by the State party "
                        "under review, in exceptional circumstances (¶38); they are "
                        "not reproduced here."
                    )
                ),
            )
        )
    for group in grouped(phase, entries):
        blocks.append(
            Block("heading", place(request, group["instrument"], group["article"]))
        )
        for kind, mine in group["kinds"]:
            if not mine:
                continue
            blocks.append(Block("label", t(KIND_LABELS[kind])))
            for entry in mine:
                if entry.need:
                    need = t(NEED_LABELS[entry.need])
                    blocks.append(
                        Block(
                            "guidance", f"{need} · {t(PRIORITY_LABELS[entry.priority])}"
                        )
                    )
                blocks.append(Block("text", entry.text))
    if not entries:
        blocks.append(Block("missing", t(_("No observations to show."))))
    return blocks
