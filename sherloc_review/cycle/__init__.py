"""The review cycle (``/review/cycle``): workplan in force, phases, deadlines.

Opening phases behind the 70 % gate (¶10), Conference decisions (¶10,
¶16), each review's workflow and agreed terms (¶31, ¶34, ¶35, ¶50),
dashboards, the public status, calendar feeds, reminders
(``sherloc-cycle remind``) and working-group sessions (¶12, ¶43).
"""


def includeme(config) -> None:
    config.scan(".views")
    config.scan(".phase_views")
    config.scan(".dashboard_views")
    config.scan(".public_views")
    config.scan(".session_views")
    config.include(".api")
