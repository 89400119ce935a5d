"""A State's good practices and experience of completing the questionnaires (¶42)."""


def includeme(config) -> None:
    pass
