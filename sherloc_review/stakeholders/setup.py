"""``/review/dialogues``, created by the install profile and its upgrade."""

from __future__ import annotations

from .resources import DIALOGUES_NAME, DialoguesFolder


def ensure_dialogues(mechanism, changed=None) -> DialoguesFolder:
    found = mechanism.get(DIALOGUES_NAME)
    if found is None:
        found = mechanism.add(DIALOGUES_NAME, DialoguesFolder())
        if changed is not None:
            changed("created the constructive dialogues' folder")
    return found
