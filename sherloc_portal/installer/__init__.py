"""(being written)"""


def includeme(config) -> None:
    pass
