"""Permissions of the reviewing States' written feedback (``review:feedback:*``)."""

from enum import StrEnum


class FeedbackPermission(StrEnum):
    # Read a reviewing State's feedback while it drafts it: that State's
    # officials and the Secretariat.
    VIEW_DRAFT = "review:feedback:view-draft"
    # Read released feedback (¶35): every participant of the review and the
    # Secretariat (every State party's officials once the State under review
    # opened its dialogue to them, ¶40).
    VIEW = "review:feedback:view"
    # Draft the feedback together: the reviewing State's focal point and
    # experts, while the phase awaits the feedback.
    EDIT = "review:feedback:edit"
    # Release it to the State under review: the reviewing State's focal point.
    RELEASE = "review:feedback:release"
    # Answer the requests and supplementary questions in place: the focal
    # point and experts of the State under review, until the phase concludes.
    REPLY = "review:feedback:reply"
