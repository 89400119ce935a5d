"""Permissions of the dialogue of a review phase (``review:dialogue:*``)."""

from enum import StrEnum


class DialoguePermission(StrEnum):
    # Read the threads, messages, records and files: the officials of the
    # State under review and of its reviewing States (an additional reviewer
    # only the threads of its instruments, ¶28(b)), observers included, and
    # the Secretariat, kept abreast of everything (¶33); every State party's
    # officials too once the State under review decided so (¶40).
    VIEW = "review:dialogue:view"
    # Start threads, post and correct messages, upload records of dialogue
    # held elsewhere (¶36): the focal points and experts of the participating
    # States and the Secretariat, until the phase is concluded.
    POST = "review:dialogue:post"
    # Open the dialogue to all States parties (¶40) or the public (¶41), as
    # a whole or thread by thread: the focal point of the State under review.
    DECIDE = "review:dialogue:decide"
    # Download the archive (¶35): the participants and the Secretariat.
    EXPORT = "review:dialogue:export"
    # Read what an author corrected away (earlier versions of a message):
    # the participants and the Secretariat; every State party's officials,
    # reading a dialogue opened to them (¶40), see messages as they stand,
    # as the public copy shows them (¶41).
    VIEW_VERSIONS = "review:dialogue:view-versions"
