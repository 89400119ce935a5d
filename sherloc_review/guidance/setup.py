"""Create ``/review/guidance`` (from the install profile and an upgrade step)."""

from __future__ import annotations

from collections.abc import Callable

from .resources import GUIDANCE_NAME, Guidance


def ensure_guidance(mechanism, changed: Callable[..., None] | None = None) -> Guidance:
    """``/review/guidance``, created if missing (idempotent).

    :param mechanism: the :class:`~..mechanism.resources.ReviewMechanism`.
    :param changed: the installer's ``context.changed``, told when the
        folder is created.
    """
    found = mechanism.get(GUIDANCE_NAME)
    if found is None:
        found = mechanism.add(GUIDANCE_NAME, Guidance())
        if changed is not None:
            changed("created the guidance pages' folder")
    return found
