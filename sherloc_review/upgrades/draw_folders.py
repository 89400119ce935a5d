"""``default`` 2 → 3 and ``demo`` 1 → 2: the drawing of lots arrives.

Why: version 3 of the add-on stores draw records at ``/review/draws`` and
each State's review at ``/review/countries``; sites installed before have
neither folder.  The demo profile's version 2 adds a draw made with the
demo seed, so the demo's focal points have a review to open.
"""

from __future__ import annotations

from ..draws import setup
from ..mechanism.resources import MECHANISM_NAME


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        setup.install(review, context.changed)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        setup.install(review, context.changed)
        setup.install_demo_draw(review, context.changed)
