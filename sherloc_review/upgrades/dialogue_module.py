"""``default`` 5 → 6 and ``demo`` 4 → 5: written feedback and the dialogue.

Why: each phase now keeps the reviewing States' written feedback at
``phase-N/feedback`` and its secure dialogue at ``phase-N/dialogue``
(``PhaseReview`` schema 3), the mechanism the users' notification
choices, and ``/knowledge/dialogues`` what States make public (¶41).
Phases opened before get feedback and dialogue, empty.  The demo's
version 5 adds feedback and a dialogue to Italy's phase 1.
"""

from __future__ import annotations

from ..dialogue import demo, setup
from ..dialogue.publish import dialogues_folder
from ..mechanism.resources import MECHANISM_NAME


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        setup.install(review, context.changed)
        dialogues_folder(context.root, context.changed)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        demo.install_demo(
            review, context.changed, context.registry.sherloc_clock.today()
        )
