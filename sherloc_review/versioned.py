"""Text written together, never lost: every version kept, stale saves refused.

A :class:`Versioned` object (a persistent one per item, so writers of
different items never touch the same object) holds its versions in order.
A save names the revision it was based on; when someone saved since, it is
refused with :class:`Stale`, which carries the version saved meanwhile so
the writer can compare and decide (HTML shows both texts, the API answers
409).  A true race is a ZODB conflict; the retry finds the new revision
and is refused the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from persistent import Persistent

from sherloc_portal.forms import ActionRefused

from .i18n import _

#: The longest text one version takes (characters).
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Version:
    number: int
    text: str
    by: str  # login
    at: float  # time.time()


class Stale(Exception):
    """The text changed since the revision the save was based on."""

    def __init__(self, current: Version) -> None:
        super().__init__(current.number)
        self.current = current


def checked_text(text: str, field: str = "text", required: bool = True) -> str:
    """``text`` normalised (line ends), or refused naming ``field``."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ActionRefused(_("The text holds characters that are not valid."), field)
    if required and not text.strip():
        raise ActionRefused(_("Write something first."), field)
    if len(text) > MAX_TEXT:
        raise ActionRefused(
            _(
                "At most ${count} characters; split long material into an attachment.",
                mapping={"count": MAX_TEXT},
            ),
            field,
        )
    return text


class Versioned(Persistent):
    """A text and every earlier version of it."""

    versions: tuple[Version, ...] = ()

    @property
    def revision(self) -> int:
        return self.versions[-1].number if self.versions else 0

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def text(self) -> str:
        return self.versions[-1].text if self.versions else ""

    def revise(self, text: str, by: str, base: int, at: float) -> Version | None:
        """Save ``text`` over revision ``base``; ``None`` when unchanged."""
        current = self.current
        if base != self.revision:
            # Nothing saved yet (a wrong base on a new text): stale against
            # the empty text, which the writer loses nothing to.
            raise Stale(current or Version(0, "", "", 0.0))
        if current is not None and current.text == text:
            return None
        version = Version(self.revision + 1, text, by, at)
        self.versions = (*self.versions, version)
        return version
