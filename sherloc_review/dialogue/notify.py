"""E-mail notices of new messages (interface; implemented by the notices step)."""

from __future__ import annotations


def message_posted(request, thread, message) -> None:
    """Tell the readers of ``thread`` that ``message`` was posted."""
