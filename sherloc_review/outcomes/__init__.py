"""The outcome of a country review (¶13, ¶38, ¶39): the list of
observations, drafted in versions and agreed by every party, its conference
room paper without the parts the State keeps confidential, and the summary
of at most 1,500 words, agreed and translated into the six official
languages.
"""


def includeme(config) -> None:
    config.scan(".list_views")
    config.scan(".history_views")
    config.scan(".paper_views")
    config.scan(".confidential_views")
    config.scan(".summary_views")
    config.scan(".listing_views")
    config.include(".api")
