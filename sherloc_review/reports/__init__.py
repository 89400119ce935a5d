"""The Secretariat's general report of trends, patterns and best practices (¶19)."""


def includeme(config) -> None:
    pass
