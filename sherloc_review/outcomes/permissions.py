"""Permissions of a phase's outcome (``review:outcome:*``, ¶38, ¶39)."""

from enum import StrEnum


class OutcomePermission(StrEnum):
    # Read the list of observations and the summary as they are drafted,
    # with their versions and approvals: the participants of the review,
    # observers included, and the Secretariat.
    VIEW = "review:outcome:view"
    # Draft them together (¶38: the reviewing States, in close cooperation
    # with the State under review, assisted by the Secretariat): focal
    # points and experts of the participants, and the Secretariat, until
    # the text is agreed.
    EDIT = "review:outcome:edit"
    # Approve the version one read (¶39): each participant's focal point.
    APPROVE = "review:outcome:approve"
    # Keep parts of the list confidential in exceptional circumstances
    # (¶38): the focal point of the State under review.
    WITHHOLD = "review:outcome:withhold"
    # Read the conference room paper (the agreed list without the parts
    # kept confidential) and the issued summary: the working groups (every
    # State party's officials), the chair and the Bureau, the Secretariat;
    # the participants read the paper's preview before the agreement.
    READ_PAPER = "review:outcome:read-paper"
    # Record the summary's translations (¶38): the Secretariat.
    TRANSLATE = "review:outcome:translate"
