"""``default`` 6 → 7 and ``demo`` 5 → 6: constructive dialogues (¶53).

Why: the mechanism now keeps the working groups' constructive dialogues
with stakeholders at ``/review/dialogues`` (applications, objections, the
Bureau's and the chair's decisions, programme, summary).  The demo's
version 6 plans one dialogue open to applications and one whose
applications closed (``ngo-demo`` applied to it), and adds the accounts
``chair-demo`` and ``bureau-demo``.
"""

from __future__ import annotations

from ..demo import create_accounts
from ..mechanism.resources import MECHANISM_NAME
from ..stakeholders import demo
from ..stakeholders.setup import ensure_dialogues


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        ensure_dialogues(review, context.changed)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        create_accounts(context, review["states"])  # the chair and the Bureau
        demo.install_demo(
            review,
            context.root["users"],
            context.changed,
            context.registry.sherloc_clock.now(),
        )
