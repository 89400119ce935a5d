"""Translation domain, catalogue compilation and locale negotiation.

Catalogues live as ``.po`` files in ``locales/<lang>/LC_MESSAGES/<domain>.po``
(with the ``<domain>.pot`` templates beside them).  At start-up they are
compiled with Babel into ``var/locales`` (only when a ``.po`` changed), so
no generated ``.mo`` file is ever committed or stale.

The language is negotiated from the language switcher's cookie, then from
``Accept-Language`` among the six working languages (¶49), then English.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pyramid.i18n import TranslationStringFactory, make_localizer
from pyramid.interfaces import ITranslationDirectories

from .settings import LANGUAGES

_ = TranslationStringFactory("sherloc_portal")

LANGUAGE_COOKIE = "sherloc_lang"

#: Each language's name in itself, for the switcher.
LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def compile_catalogues(source: Path, target: Path) -> Path:
    """Compile every ``.po`` under ``source`` into ``.mo`` under ``target``.

    Writes atomically (temporary file + rename), so several processes that
    start together never read half a catalogue.
    """
    target.mkdir(parents=True, exist_ok=True)
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parts[-3])
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
    return target


def negotiate_locale(request) -> str:
    """Cookie, then ``Accept-Language``, then English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    offer = request.accept_language.lookup(
        [*LANGUAGES, "zh-CN", "zh-Hans"], default="en"
    )
    return offer.split("-")[0] if offer else "en"


def text_direction(request) -> str:
    return Locale.parse(request.locale_name).text_direction


def localizer_for(request, language: str):
    """A localizer for ``language``, e.g. to write a mail in its reader's.

    Built once per language and kept on the registry (a plain dict: two
    threads building the same one at once is harmless), never registered
    as a utility while requests run.
    """
    if language == request.locale_name:
        return request.localizer
    cache = request.registry.sherloc_localizers
    localizer = cache.get(language)
    if localizer is None:
        dirs = request.registry.queryUtility(ITranslationDirectories, default=[])
        localizer = cache[language] = make_localizer(language, dirs)
    return localizer


def translate(request, message, mapping=None) -> str:
    return request.localizer.translate(message, mapping=mapping)


def includeme(config) -> None:
    settings = config.registry.sherloc_settings
    compiled = compile_catalogues(settings.locales_dir, settings.var_dir / "locales")
    # colander and deform ship no Arabic and no plain ``zh``: our catalogues
    # for those domains are added last with ``override`` so they win.
    config.add_translation_dirs("colander:locale/", "deform:locale/")
    config.add_translation_dirs(str(compiled), override=True)
    config.set_locale_negotiator(negotiate_locale)
    config.registry.sherloc_localizers = {}
    config.add_request_method(text_direction, "text_direction", reify=True)
    config.add_request_method(translate, "translate")
