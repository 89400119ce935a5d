"""A State's good practices and experience of completing the questionnaires (¶42).

``phase-N/experience``: drafted by the State under review's officials,
shared by its focal point; ``/review/experiences``: those shared.
"""


def includeme(config) -> None:
    config.scan(".views")
    config.scan(".list_views")
