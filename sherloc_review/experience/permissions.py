"""Permissions of the experience a State shares (``review:experience:*``, ¶42)."""

from enum import StrEnum


class ExperiencePermission(StrEnum):
    # Read the working text, newer than the version shared: the State's
    # officials and the Secretariat.
    VIEW_WORKING = "review:experience:view-working"
    # Draft it (after the responses were submitted): the State's focal
    # point and experts.
    EDIT = "review:experience:edit"
    # List the experiences shared: every State party's officials and the
    # Secretariat.
    LIST = "review:experience:list"
    # Share it with the other States parties, or stop sharing: the focal point.
    SHARE = "review:experience:share"
    # Read it: the State's officials and the Secretariat; once shared, every
    # State party's officials.
    VIEW = "review:experience:view"
