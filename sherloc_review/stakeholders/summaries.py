"""The chair's summaries a working group's session receives (¶53(h)).

"A written summary of the discussions will be prepared by the chair of the
working group and be made available to the working group at its next
session": a session of a working group lists the summaries of that group's
constructive dialogues held since its previous session and before it.
"""

from __future__ import annotations

from datetime import date

from .resources import DIALOGUES_NAME


def for_session(mechanism, sessions, session) -> list:
    """The dialogues whose summary ``session`` receives, oldest first."""
    folder = mechanism.get(DIALOGUES_NAME)
    if folder is None:
        return []
    earlier = [
        s.starts
        for s in sessions.values()
        if s.working_group == session.working_group and s.starts < session.starts
    ]
    since = max(earlier, default=date.min)
    found = [
        d
        for d in folder.values()
        if d.working_group == session.working_group
        and d.summary is not None
        and since <= d.local_start.date() < session.starts
    ]
    return sorted(found, key=lambda d: d.starts_at)
