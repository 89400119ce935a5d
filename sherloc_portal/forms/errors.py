"""The one exception a form action raises to refuse with a message."""

from __future__ import annotations

from typing import Any


class ActionRefused(Exception):
    """A business rule refused the action; ``message`` says why to the user.

    ``message`` is a translation string; ``field`` names the form field the
    message belongs to, or ``None`` for the form as a whole.  ``FormView``
    shows it as a form error (never a traceback); API views turn it into a
    400 JSON body.
    """

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
