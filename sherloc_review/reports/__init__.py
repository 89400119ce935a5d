"""The Secretariat's general report of trends, patterns and best practices
(¶14, ¶19), built from the submitted responses and the agreed lists of
observations through the mechanism's report index (:mod:`.index`), and
never a ranking of States (¶4(b)).
"""


def includeme(config) -> None:
    config.scan(".views")
    config.include(".api")
