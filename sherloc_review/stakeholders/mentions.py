"""Which countries a written comment names, in the six languages (¶53(b)).

"No specific country situation shall be mentioned during the constructive
dialogues except by the country under review": comments that name a State
are held for the chair, who decides whether they are published.  Names
come from the CLDR (Babel) for each State's ISO 3166 code in Arabic,
Chinese, English, French, Russian and Spanish, so the list follows the
mechanism's States (data), never code.  Matching ignores case; in
alphabetic scripts a name must stand as whole words (so "Oman" is not
found in "Romania"); Chinese has no spaces, so a name is found anywhere.
A person reviews every flag: detection only proposes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


@lru_cache(maxsize=4)
def _patterns(codes: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """``(ISO3, pattern)`` for ``(ISO3, ISO2)`` codes, names in six languages.

    Codes themselves are never matched ("CAN", "AND" are English words).
    """
    locales = [Locale.parse(language) for language in LANGUAGES]
    found = []
    for iso3, iso2 in codes:
        names = {n for n in (loc.territories.get(iso2) for loc in locales) if n}
        if not names:
            continue
        words = "|".join(
            _form(n) for n in sorted(names, key=len, reverse=True) if not _is_cjk(n)
        )
        cjk = "|".join(re.escape(n) for n in names if _is_cjk(n))
        alternatives = [f"(?<!\\w)(?:{ARABIC_PREFIXES})?(?:{words})(?!\\w)"]
        if cjk:
            alternatives.append(cjk)
        found.append((iso3, re.compile("|".join(alternatives), re.I)))
    return tuple(found)


#: Particles Arabic writes joined to the next word ("in", "and", "to"...).
ARABIC_PREFIXES = "[\u0648\u0641\u0628\u0644\u0643]"
_CYRILLIC_ENDINGS = "аяйьеоиыу"


def _is_cjk(name: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in name)


def _form(name: str) -> str:
    """A pattern for ``name`` as written in running text: Russian declines
    names ("Италия", "в Италии"), so a Cyrillic name's last vowel may
    change and take an ending of up to three letters."""
    if name[-1:].lower() in _CYRILLIC_ENDINGS and len(name) > 3:
        return re.escape(name[:-1]) + "[\u0400-\u04ff]{0,3}"
    if any("\u0400" <= c <= "\u04ff" for c in name):
        return re.escape(name) + "[\u0400-\u04ff]{0,3}"
    return re.escape(name)


def codes_of(states) -> tuple[tuple[str, str], ...]:
    """``(ISO3, ISO2)`` of the mechanism's States that have an ISO2 code."""
    return tuple(sorted((s.iso3, s.iso2) for s in states.values() if s.iso2))


def spans(text: str, codes: tuple[tuple[str, str], ...]) -> list[tuple[int, int, str]]:
    """``(start, end, ISO3)`` of every name ``text`` holds, in order of
    start, the longest first where two start together."""
    found = [
        (m.start(), m.end(), iso3)
        for iso3, pattern in _patterns(codes)
        for m in pattern.finditer(text)
    ]
    return sorted(found, key=lambda span: (span[0], -span[1]))


def mentioned(text: str, codes: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """ISO3 of the States ``text`` names, in ISO3 order."""
    if not text.strip():
        return ()
    return tuple(iso3 for iso3, pattern in _patterns(codes) if pattern.search(text))
