"""``default`` 3 → 4 and ``demo`` 2 → 3: the review cycle arrives.

Why: version 4 of the add-on runs the cycle at ``/review/cycle`` (phases
opened, Conference decisions, the dashboards' index, sessions) and keeps
each State's phases on its review (``CountryReview`` schema 2 has a
``phases`` BTree).  Sites installed before have neither.  The demo's
version 3 opens phase 1 of group 1 and plans a session, so a newcomer
sees deadlines, dashboards and the gate at work.
"""

from __future__ import annotations

from BTrees.OOBTree import OOBTree

from ..cycle import setup
from ..mechanism.resources import MECHANISM_NAME


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is None:
        return
    setup.install(review, context.changed)
    countries = review.get("countries")
    for country in countries.values() if countries is not None else ():
        if getattr(country, "phases", None) is None:
            country.phases = OOBTree()
        if country.schema_version < 2:
            country.schema_version = 2
            context.changed("added phases to the review of %s", country.iso3)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        setup.install_demo(
            review, context.changed, context.registry.sherloc_clock.today()
        )
