"""The demo's constructive dialogues, relative to the day it is installed.

One dialogue of the Working Group on Trafficking in Persons 40 days ahead
(applications open), and one of the Working Group on the Smuggling of
Migrants 12 days ahead, whose applications closed three days ago:
``ngo-demo`` applied to it in time and the list was circulated to the
States parties.  Texts say they are demonstration content.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .acts import circulate, create, organisation, register
from .setup import ensure_dialogues

ZONE = "Europe/Vienna"
_NOTE = "Demonstration content."


def _at(now: datetime, days: int) -> datetime:
    day = (now + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 15, 0)


def install_demo(mechanism, users, changed, now: datetime) -> None:
    folder = ensure_dialogues(mechanism, changed)
    if len(folder):
        return
    opened = create(
        folder,
        "tip",
        _at(now, 40),
        ZONE,
        "Vienna International Centre",
        "",
        f"Constructive dialogue on trafficking in persons. {_NOTE}",
        "secretariat",
        now,
    )
    closing = create(
        folder,
        "som",
        _at(now, 12),
        ZONE,
        "Vienna International Centre",
        "",
        f"Constructive dialogue on the smuggling of migrants. {_NOTE}",
        "secretariat",
        now,
    )
    # Applied before the cut-off (the clock moved back 20 days for it).
    register(
        closing,
        "ngo",
        organisation(
            "Demo NGO for migrants' rights",
            "AUT",
            "https://example.org",
            "Demo NGO",
            "ngo-demo@example.org",
            mechanism["states"],
        ),
        ("Demo representative",),
        f"Our written comments on the review process. {_NOTE}",
        "",
        (),
        "ngo-demo",
        mechanism["states"],
        now - timedelta(days=20),
    )
    circulate(closing, users, now)
    changed(
        "planned demo constructive dialogues %s (open) and %s (closed)",
        opened.number,
        closing.number,
    )
