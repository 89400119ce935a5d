"""Permissions of the general report (``review:report:*``, ¶14, ¶19)."""

from enum import StrEnum


class ReportPermission(StrEnum):
    # Write the report's introduction and analysis, which is how the
    # Secretariat prepares or updates the report (¶19): the Secretariat.
    EDIT = "review:report:edit"
    # Read the report and its exports: the Secretariat, every State party's
    # officials (the Conference considers it, ¶14, ¶19), the chair and the
    # Bureau.
    VIEW = "review:report:view"
