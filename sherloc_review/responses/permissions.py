"""Permissions of the self-assessment responses (``review:responses:*``)."""

from enum import StrEnum


class ResponsesPermission(StrEnum):
    # The working answers (drafts) and their history: the officials of the
    # State under review (observers read only) and the Secretariat.
    VIEW_DRAFT = "review:responses:view-draft"
    # The submitted responses (¶40): every State party's officials, among
    # them the reviewing States, and the Secretariat.
    VIEW_SUBMITTED = "review:responses:view-submitted"
    # Answer, attach, import: the focal point and experts of the State under
    # review, and the Secretariat on the State's behalf (¶20).
    EDIT = "review:responses:edit"
    # Submit the responses (¶20, ¶34) and publish them (¶41): the focal
    # point; the Secretariat may submit on the State's request (¶20).
    SUBMIT = "review:responses:submit"
    PUBLISH = "review:responses:publish"
    # Record that the Secretariat acts on the State's behalf: the Secretariat.
    ASSIST = "review:responses:assist"
