"""Why a draw or a redraw cannot be made, in words a Secretariat officer reads.

Each error carries a translation string (``translationstring`` only, no
Pyramid) so the portal shows it in the reader's language and the command
line prints it in English; ``str(error)`` is the English text.
"""

from __future__ import annotations

from collections.abc import Callable

from translationstring import TranslationString, TranslationStringFactory

_ = TranslationStringFactory("sherloc_review")


def render(message, translate: Callable[[TranslationString], str] | None = None):
    """``message`` as text, its mapping's own translation strings included.

    ``translate`` is the portal's (``request.localizer.translate``); without
    it the English text comes out.  ``translationstring`` translates only
    the outer string, hence this.
    """
    if not isinstance(message, TranslationString):
        return str(message)
    mapping = {
        key: render(value, translate) for key, value in (message.mapping or {}).items()
    }
    whole = TranslationString(
        message,
        domain=message.domain,
        default=message.default,
        mapping=mapping,
        context=message.context,
    )
    return translate(whole) if translate is not None else whole.interpolate()


class DrawError(Exception):
    """Base class: ``message`` is a translation string with its mapping."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return render(self.message)


class PopulationError(DrawError):
    """The population file or rows are malformed or contradictory."""


class InfeasibleDraw(DrawError):
    """The rules of ¶17, ¶28 and ¶29 cannot all be met for this population."""


class RedrawRefused(DrawError):
    """A redraw request that the rules do not allow (¶28(d), ¶30)."""


class RecordError(DrawError):
    """A stored draw record that cannot be read."""
