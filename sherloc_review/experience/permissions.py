"""Permissions of the experience a State shares (``review:experience:*``, ¶42)."""

from enum import StrEnum


class ExperiencePermission(StrEnum):
    # Read it: the State's officials and the Secretariat; once shared, every
    # State party's officials.
    VIEW = "review:experience:view"
    # Draft it (after the responses were submitted): the State's focal
    # point and experts.
    EDIT = "review:experience:edit"
    # Share it with the other States parties, or stop sharing: the focal point.
    SHARE = "review:experience:share"
