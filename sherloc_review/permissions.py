"""Permissions of the review mechanism (``review:<resource>:<action>``).

No permission string literal appears elsewhere in the add-on; slices with
permissions of their own (``officials``) keep them in their own enum.
"""

from enum import StrEnum


class ReviewPermission(StrEnum):
    # See the mechanism's overview page and its navigation tab.
    MECHANISM_VIEW = "review:mechanism:view"
    # Read the reference data: States, instruments, clusters, workplan,
    # questionnaire definitions.
    REFERENCE_VIEW = "review:reference:view"
