"""Permissions of the Secretariat's guidance pages (``review:guidance:*``)."""

from enum import StrEnum


class GuidancePermission(StrEnum):
    # Add and edit guidance and e-training pages (¶20): the Secretariat.
    EDIT = "review:guidance:edit"
    # Read them: the officials of every State the mechanism knows (focal
    # points, experts, observers) and the Secretariat.
    VIEW = "review:guidance:view"
