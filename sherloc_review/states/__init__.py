"""States taking part in the mechanism (``/review/states``)."""


def includeme(config) -> None:
    config.scan(".views")
