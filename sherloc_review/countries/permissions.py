"""Permissions of a State's review (``review:country:*``)."""

from enum import StrEnum


class CountryPermission(StrEnum):
    # Who reviews a State and in which group and phase it is: the Secretariat
    # and the officials of every State party (the draw is made in public).
    VIEW = "review:country:view"
    # Take part in the review: the officials of the State under review and
    # of its reviewing States, and the Secretariat.
    PARTICIPATE = "review:country:participate"
    # Ask for the reviewers to be drawn again: focal points of the State under
    # review and of its reviewing States (¶28(d), ¶30).
    REQUEST_REDRAW = "review:country:request-redraw"
    # Grant or decline a redraw request (the Secretariat, ¶28(d)).
    DECIDE_REDRAW = "review:country:decide-redraw"
    # Propose and agree the time frames and working languages of a phase
    # (¶31, ¶50): focal points of the State under review and its reviewers.
    AGREE_TERMS = "review:country:agree-terms"
    # Record a phase's steps on behalf of the parties (¶20): the Secretariat.
    STEER = "review:country:steer"
