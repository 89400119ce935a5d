"""Permissions of the officials slice (values ``area:resource:action``).

Kept apart from ``sherloc_review.permissions`` so that this slice and the
mechanism's own slices never edit the same enum.
"""

from enum import StrEnum


class OfficialsPermission(StrEnum):
    # Invite, resend, change the role of and remove a State's officials.
    MANAGE = "review:officials:manage"
    # See the list of a State's officials (with their e-mail addresses).
    VIEW = "review:officials:view"
    # Register a signatory as volunteering to be reviewed (¶52).
    VOLUNTEER = "review:officials:volunteer"
