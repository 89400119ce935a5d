"""``default`` 7 → 8 and ``demo`` 6 → 7: the outcome of the reviews.

Why: each phase now keeps its list of observations and summary at
``phase-N/observations`` (¶38, ¶39) and its technical-assistance needs at
``phase-N/assistance`` (¶44 to ¶46) and what it shares of completing the
questionnaires at ``phase-N/experience`` (¶42), ``PhaseReview`` schema 4.
The mechanism keeps an index of every review's needs for the working
group, one of the shared experiences, and ``/review/reports`` the general
report of trends (¶19) with the index of submitted answers and agreed
observations it is built from (rebuilt here from the stored reviews).
Phases opened before get their outcome, empty; a phase the Secretariat
stepped to its summary by hand goes back to its list, now agreed by every
party's approval (¶39).  The demo's version 7
takes Singapore's and Jordan's reviews of phase 1 to their outcome (see
the demo manifest).
"""

from __future__ import annotations

from ..experience import setup as experience_setup
from ..mechanism.resources import MECHANISM_NAME
from ..outcomes import demo, setup
from ..reports import setup as reports_setup


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        setup.install(review, context.changed)
        reports_setup.install(review, context.changed)
        experience_setup.install(review, context.changed)
        today = context.registry.sherloc_clock.today()
        setup.back_to_the_lists(review, context.changed, today)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        demo.install_demo(
            review, context.changed, context.registry.sherloc_clock.today()
        )
