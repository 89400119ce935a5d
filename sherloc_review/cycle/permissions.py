"""Permissions of the review cycle (``review:cycle:*``)."""

from enum import StrEnum


class CyclePermission(StrEnum):
    # The workplan in force, the 70 % meters, the working-group sessions:
    # officials of States parties, the Secretariat, the Chair and Bureau.
    VIEW = "review:cycle:view"
    # Open phases, record Conference decisions (overrides, amendments),
    # manage sessions, read the dashboard of every review: the Secretariat.
    MANAGE = "review:cycle:manage"
    # A State official's own dashboard and calendar feed.
    OWN = "review:cycle:own"
    # The public aggregate status of the mechanism: everyone.
    STATUS = "review:cycle:status"
    # Fetch a calendar feed: everyone holding its secret address (the view
    # checks the secret; calendar applications cannot log in).
    FEED = "review:cycle:feed"
