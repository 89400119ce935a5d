"""The drawing of lots in the portal: draw records, the meeting's pages, the API.

The engine is :mod:`sherloc_review.draw` (pure Python); this slice stores
its records at ``/review/draws`` and makes the reviews follow the draw
(:mod:`sherloc_review.countries`).  The folders are created by the
``default`` profile (version 3).
"""


def includeme(config) -> None:
    config.scan(".views")
    config.include(".api")
