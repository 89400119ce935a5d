"""The mechanism's root node (``/review``) and its overview page."""


def includeme(config) -> None:
    config.scan(".views")
