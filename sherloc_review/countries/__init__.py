"""A State's review (``/review/countries/ISO3``): reviewers, redraws, the API.

Access to a review follows the draw: its ACL is computed from its
reviewers (:mod:`.resources`).
"""


def includeme(config) -> None:
    config.scan(".views")
    config.include(".api")
