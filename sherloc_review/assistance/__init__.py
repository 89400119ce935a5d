"""Technical-assistance needs and the follow-up of reviews (¶42, ¶44 to ¶46)."""


def includeme(config) -> None:
    pass
