"""``sherloc-catalogues``: extract, merge and check the translation catalogues.

::

    sherloc-catalogues update   # .py/.pt → locales/<domain>.pot → <lang>/…/<domain>.po
    sherloc-catalogues check    # list untranslated, fuzzy and missing messages

The project's domains (one per package) are extracted with lingua
(``pot-create``) from the package's ``.py`` and ``.pt`` files.  colander and
deform ship no Arabic and no plain ``zh`` catalogue, so for those two
languages we keep our own, merged from the template the installed package
ships (``sherloc_portal.i18n`` registers our folder so it wins).

``update`` never translates: it adds new messages as untranslated entries
(``msgmerge``), creates a missing ``.po`` with its language's plural rule,
and, for English only, writes each msgid as its own translation.  ``check``
exits non-zero when anything is left to translate; the i18n tests call the
same functions.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from sherloc_portal.settings import LANGUAGES

REPO = Path(__file__).resolve().parent.parent.parent

#: gettext's plural rules (as ``msginit`` writes them).  Not Babel's: its CLDR
#: data gives French and Spanish a third "many" form that gettext tools and
#: translators do not expect.
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "zh": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "es": "nplurals=2; plural=(n != 1);",
}

LANGUAGE_HEADERS = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}

PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


@dataclass(frozen=True)
class Domain:
    """A translation domain and where its messages come from.

    ``package`` is extracted with lingua; ``borrowed`` names an installed
    package whose own ``locale/<name>.pot`` is the template instead.
    """

    name: str
    languages: tuple[str, ...]
    package: str = ""
    borrowed: str = ""

    def template(self, locales: Path) -> Path:
        return locales / f"{self.name}.pot"

    def catalogue(self, locales: Path, lang: str) -> Path:
        return locales / lang / "LC_MESSAGES" / f"{self.name}.po"


DOMAINS = (
    Domain("sherloc_portal", LANGUAGES, package="sherloc_portal"),
    Domain("sherloc_review", LANGUAGES, package="sherloc_review"),
    Domain("sherloc_review_theme", LANGUAGES, package="sherloc_review_theme"),
    Domain("colander", ("ar", "zh"), borrowed="colander"),
    Domain("deform", ("ar", "zh"), borrowed="deform"),
)


def _polib():
    try:
        import polib
    except ImportError as exc:  # pragma: no cover - testing extras missing
        raise SystemExit(
            "The catalogue tools need the testing extras: pip install -e '.[testing]'"
        ) from exc
    return polib


# -- templates (.pot) -------------------------------------------------------


def source_files(package_dir: Path) -> list[Path]:
    """The package's ``.py`` and ``.pt`` files, sorted so output is stable."""
    found = [*package_dir.rglob("*.py"), *package_dir.rglob("*.pt")]
    return sorted(p for p in found if "__pycache__" not in p.parts)


def extract(domain: str, package_dir: Path, pot: Path) -> Path:
    """Run lingua's ``pot-create`` over a package into ``pot``.

    Paths in the template are relative to the package's parent folder, so
    the file does not depend on where the repository is checked out.
    """
    root = package_dir.parent
    sources = [str(p.relative_to(root)) for p in source_files(package_dir)]
    pot.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 - our interpreter, our file list
        [
            sys.executable,
            "-m",
            "lingua.extract",
            "--domain",
            domain,
            "--package-name",
            domain,
            "--sort-by-file",
            "--output",
            str(pot),
            *sources,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 2:  # "No translatable strings found"
        _empty_template(domain, pot)
    elif result.returncode != 0:
        raise RuntimeError(f"pot-create failed for {domain}: {result.stderr}")
    return pot


def _empty_template(domain: str, pot: Path) -> None:
    polib = _polib()
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": domain,
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    catalogue.save(str(pot))


def borrowed_template(package: str) -> Path:
    """The ``.pot`` an installed package ships (colander, deform)."""
    return Path(str(files(package) / "locale" / f"{package}.pot"))


def write_template(domain: Domain, locales: Path, root: Path = REPO) -> Path:
    """Refresh ``locales/<domain>.pot``; leave it untouched if only its date changed.

    ``root`` is the folder holding the domain's package.
    """
    target = domain.template(locales)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / target.name
        if domain.package:
            extract(domain.name, root / domain.package, fresh)
        else:
            fresh.write_bytes(borrowed_template(domain.borrowed).read_bytes())
        if not target.exists() or _undated(fresh) != _undated(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fresh.read_bytes())
    return target


def _undated(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith('"POT-Creation-Date:')
    ]


def msgids(path: Path) -> set[str]:
    """The live msgids of a catalogue or template (obsolete ones excluded)."""
    polib = _polib()
    return {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}


def template_msgids(domain: Domain, workdir: Path, root: Path = REPO) -> set[str]:
    """The msgids the source holds now: a fresh extraction, for comparing."""
    if domain.borrowed:
        return msgids(borrowed_template(domain.borrowed))
    return msgids(extract(domain.name, root / domain.package, workdir / "fresh.pot"))


# -- catalogues (.po) ------------------------------------------------------


def create_catalogue(pot: Path, po: Path, domain: str, lang: str) -> None:
    """A new, untranslated ``.po`` with the language's plural rule."""
    polib = _polib()
    catalogue = polib.pofile(str(pot))
    catalogue.header = f"{LANGUAGE_HEADERS[lang]} translation of the {domain} domain."
    catalogue.metadata.update(
        {
            "Project-Id-Version": domain,
            "Language": lang,
            "Language-Team": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[lang],
        }
    )
    catalogue.metadata_is_fuzzy = False
    po.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(po))


def merge(pot: Path, po: Path, lang: str) -> None:
    """Bring ``po`` in line with ``pot`` (new messages untranslated)."""
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        raise SystemExit(
            "msgmerge not found: install gettext (apt-get install gettext)"
        )
    subprocess.run(  # noqa: S603 - gettext's msgmerge on our own paths
        [
            msgmerge,
            "--quiet",
            "--update",
            "--backup=none",
            "--previous",
            f"--lang={lang}",
            str(po),
            str(pot),
        ],
        check=True,
    )


def fill_english(po: Path) -> None:
    """English messages are written in English: each msgid is its msgstr."""
    polib = _polib()
    catalogue = polib.pofile(str(po))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    catalogue.save(str(po))


def update(locales: Path, domains=None, root: Path = REPO) -> None:
    """Refresh every template, then merge it into each language's catalogue."""
    for domain in domains or DOMAINS:
        pot = write_template(domain, locales, root)
        for lang in domain.languages:
            po = domain.catalogue(locales, lang)
            if po.exists():
                merge(pot, po, lang)
            else:
                create_catalogue(pot, po, domain.name, lang)
            if lang == "en":
                fill_english(po)
            print(f"{po.relative_to(locales)}: {_summary(po)}")


def _summary(po: Path) -> str:
    polib = _polib()
    catalogue = polib.pofile(str(po))
    return (
        f"{len(catalogue.translated_entries())} translated, "
        f"{len(catalogue.untranslated_entries())} untranslated, "
        f"{len(catalogue.fuzzy_entries())} fuzzy"
    )


# -- checks ------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(pot: Path, po: Path) -> list[str]:
    """Everything that keeps ``po`` from being a complete translation of ``pot``.

    Missing file, msgids of the template absent from it, untranslated and
    fuzzy entries, and translations whose ``${name}`` placeholders differ
    from the msgid's (the mapping would not fill them).
    """
    if not po.exists():
        return [f"{po}: missing"]
    polib = _polib()
    catalogue = polib.pofile(str(po))
    found = []
    for msgid in sorted(msgids(pot) - msgids(po)):
        found.append(f"{po}: not in the catalogue: {msgid!r}")
    for entry in catalogue:
        if entry.obsolete:
            continue
        strings = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        if "fuzzy" in entry.flags:
            found.append(f"{po}: fuzzy: {entry.msgid!r}")
        elif not all(strings):
            found.append(f"{po}: untranslated: {entry.msgid!r}")
            continue
        for msgstr in strings:
            if placeholders(msgstr) != placeholders(entry.msgid):
                found.append(f"{po}: placeholders differ: {entry.msgid!r} → {msgstr!r}")
    return found


def check(locales: Path, domains=None) -> list[str]:
    """Every problem of every catalogue (see :func:`problems`)."""
    found = []
    for domain in domains or DOMAINS:
        pot = domain.template(locales)
        if not pot.exists():
            found.append(f"{pot}: missing (run 'sherloc-catalogues update')")
            continue
        for lang in domain.languages:
            found += problems(pot, domain.catalogue(locales, lang))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sherloc-catalogues",
        description="Extract, merge and check the translation catalogues.",
    )
    parser.add_argument("command", choices=("update", "check"))
    parser.add_argument(
        "--locales",
        type=Path,
        default=REPO / "locales",
        help="the catalogue folder (default: the repository's locales/)",
    )
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.locales)
        return 0
    found = check(args.locales)
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
