"""Turn an installed site back into what older versions of the add-on left.

Each old-data test rewinds the later versions too, so the installer finds
a whole upgrade path from the version the test starts at.
"""

from __future__ import annotations

import transaction

from sherloc_portal.resources.root import ROOT_KEY
from sherloc_review.countries.resources import CountryReview

CYCLE_STEPS = ("default:3->4", "demo:2->3")


def old_country_review(country: CountryReview) -> CountryReview:
    """A review as version 3 pickled it: no ``phases``, schema 1."""
    country._p_activate()  # a ghost has no state to copy
    kept = {k: v for k, v in vars(country).items() if k != "phases"}
    old = CountryReview.__new__(CountryReview)
    old.__setstate__({**kept, "schema_version": 1})
    return old


def before_the_cycle(root) -> None:
    """Version 3 of ``default`` (and 2 of ``demo``): no ``/review/cycle``."""
    review = root["review"]
    if "cycle" in review:
        review.remove("cycle")
    countries = review.get("countries")
    for iso3 in list(countries or ()):
        countries.add(iso3, old_country_review(countries[iso3]), replace=True)
    root.installed["default"] = 3
    if "demo" in root.installed:
        root.installed["demo"] = 2
    for key in CYCLE_STEPS:
        root.upgrades_done.pop(key, None)


def in_transaction(db, func):
    """``func(portal root)`` in a transaction of its own, committed."""
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            return func(conn.root()[ROOT_KEY])
    finally:
        conn.close()
