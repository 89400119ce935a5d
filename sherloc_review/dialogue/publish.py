"""Public copies of the dialogue (interface; implemented by the ¶41 step)."""

from __future__ import annotations


def sync(request, dialogue) -> None:
    """Make the public copies follow the State's decisions."""
