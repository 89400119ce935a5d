"""Permissions of the drawing of lots in the portal (``review:draws:*``)."""

from enum import StrEnum


class DrawPermission(StrEnum):
    # See draw records: commitments, and once revealed, seeds and results.
    VIEW = "review:draws:view"
    # Prepare a draw (commit to a seed), reveal it and run it (¶28).
    MANAGE = "review:draws:manage"
