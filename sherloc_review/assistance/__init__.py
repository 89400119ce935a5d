"""Technical-assistance needs and the follow-up of reviews (¶44 to ¶46).

``phase-N/assistance``: a review's needs, the State's requests (¶45) and
progress reports (¶44, ¶46), shown again in the next phase;
``/review/assistance-needs`` (and its CSV) and ``GET
/api/v1/assistance-needs``: the needs of every review for the Working
Group on Technical Assistance.
"""


def includeme(config) -> None:
    config.scan(".views")
    config.scan(".list_views")
    config.include(".api")
