"""Permissions of technical assistance and follow-up (``review:assistance:*``)."""

from enum import StrEnum


class AssistancePermission(StrEnum):
    # Read the needs of every review together (¶44): the Working Group on
    # Technical Assistance (every State party's officials), the Chair and
    # the Bureau, and the Secretariat.
    LIST = "review:assistance:list"
    # See in that list the needs a State keeps confidential (¶38), marked:
    # the Secretariat.
    LIST_WITHHELD = "review:assistance:list-withheld"
    # Report whether a need was addressed and what progress was made
    # (¶44, ¶46): the focal point and experts of the State under review.
    REPORT = "review:assistance:report"
    # Request assistance based on a need (¶45): the focal point of the
    # State under review.
    REQUEST = "review:assistance:request"
    # Read a review's needs, requests and progress reports: the review's
    # participants and the Secretariat.
    VIEW = "review:assistance:view"
