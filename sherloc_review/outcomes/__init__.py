"""The outcome of a country review (¶13, ¶38, ¶39): the list of
observations, drafted in versions and agreed by every party, its conference
room paper without the parts the State keeps confidential, and the summary
of at most 1,500 words, agreed and translated into the six official
languages.
"""


def includeme(config) -> None:
    pass
