"""Give the mechanism its index of the experiences shared (¶42)."""

from __future__ import annotations

from .shared import ensure_index, index_of


def install(mechanism, changed) -> None:
    """Create ``mechanism.experience_index`` (idempotent)."""
    if index_of(mechanism) is None:
        ensure_index(mechanism)
        changed("created the index of the experiences States share")
