"""Permissions of technical assistance and follow-up (``review:assistance:*``)."""

from enum import StrEnum


class AssistancePermission(StrEnum):
    # Read a review's needs, requests and progress reports: the review's
    # participants and the Secretariat.
    VIEW = "review:assistance:view"
    # Request assistance based on a need (¶45): the focal point of the
    # State under review.
    REQUEST = "review:assistance:request"
    # Report whether a need was addressed and what progress was made
    # (¶44, ¶46): the focal point and experts of the State under review.
    REPORT = "review:assistance:report"
