"""The reviewing States' written feedback (¶35), ``phase-N/feedback``.

Drafted together by each reviewing State's experts, released by its focal
point, answered in place by the State under review; when every reviewing
State has released, the phase moves on to the dialogue.
"""


def includeme(config) -> None:
    config.scan(".views")
    config.scan(".item_views")
    config.scan(".release_views")
