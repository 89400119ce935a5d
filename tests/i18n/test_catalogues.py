"""Every message translated in all six languages, and the templates up to date.

The real catalogues are checked per domain and language; the same checks run
on a tiny synthetic domain first, complete and then broken in each way, so a
pass on the real catalogues means something.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from sherloc_portal.scripts import catalogues
from sherloc_portal.scripts.catalogues import DOMAINS, REPO, Domain

LOCALES = REPO / "locales"
PAIRS = [(d, lang) for d in DOMAINS for lang in d.languages]


def _id(value) -> str:
    return value.name if isinstance(value, Domain) else str(value)


# -- the real catalogues ------------------------------------------------------


@pytest.mark.parametrize(("domain", "lang"), PAIRS, ids=_id)
def test_catalogue_is_complete(domain: Domain, lang: str):
    """Exists, has every msgid of the template, nothing untranslated or fuzzy,
    and the same ``${placeholders}`` as each msgid."""
    found = catalogues.problems(
        domain.template(LOCALES), domain.catalogue(LOCALES, lang)
    )
    assert not found, "run 'sherloc-catalogues update', then translate:\n" + (
        "\n".join(found)
    )


@pytest.mark.parametrize("domain", DOMAINS, ids=_id)
def test_template_matches_the_source(domain: Domain, tmp_path: Path):
    """A new ``_()`` or ``i18n:translate`` without a catalogue update fails here."""
    fresh = catalogues.template_msgids(domain, tmp_path)
    stored = catalogues.msgids(domain.template(LOCALES))
    assert fresh == stored, (
        "locales/ is out of date; run 'sherloc-catalogues update'.\n"
        f"new: {sorted(fresh - stored)}\ngone: {sorted(stored - fresh)}"
    )


def test_plural_rules_are_the_languages_own():
    for domain, lang in PAIRS:
        po = domain.catalogue(LOCALES, lang)
        if po.exists():
            header = polib.pofile(str(po)).metadata
            assert header.get("Plural-Forms") == catalogues.PLURAL_FORMS[lang], po
            assert header.get("Language") == lang, po


# -- the checks themselves, on a synthetic domain ---------------------------

FIXTURE = Domain("fixture", ("ar", "en"), package="fixture_pkg")


def _po(path: Path, entries: list[polib.POEntry], lang: str) -> Path:
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": lang,
        "Plural-Forms": catalogues.PLURAL_FORMS[lang],
    }
    catalogue.extend(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return path


@pytest.fixture
def fixture_locales(tmp_path: Path) -> Path:
    """A complete two-language catalogue of two messages."""
    locales = tmp_path / "locales"
    _po(
        FIXTURE.template(locales),
        [
            polib.POEntry(msgid="Hello"),
            polib.POEntry(msgid="${count} records in ${state}"),
        ],
        "en",
    )
    for lang, (hello, records) in {
        "ar": ("مرحبًا", "${count} سجلًا في ${state}"),
        "en": ("Hello", "${count} records in ${state}"),
    }.items():
        _po(
            FIXTURE.catalogue(locales, lang),
            [
                polib.POEntry(msgid="Hello", msgstr=hello),
                polib.POEntry(msgid="${count} records in ${state}", msgstr=records),
            ],
            lang,
        )
    return locales


def _edit(locales: Path, lang: str, change) -> None:
    path = FIXTURE.catalogue(locales, lang)
    catalogue = polib.pofile(str(path))
    change(catalogue)
    catalogue.save(str(path))


def test_a_complete_catalogue_has_no_problems(fixture_locales):
    assert catalogues.check(fixture_locales, [FIXTURE]) == []


def test_untranslated_entry_is_reported(fixture_locales):
    _edit(fixture_locales, "ar", lambda c: setattr(c.find("Hello"), "msgstr", ""))
    [problem] = catalogues.check(fixture_locales, [FIXTURE])
    assert "untranslated: 'Hello'" in problem


def test_fuzzy_entry_is_reported(fixture_locales):
    _edit(fixture_locales, "ar", lambda c: c.find("Hello").flags.append("fuzzy"))
    [problem] = catalogues.check(fixture_locales, [FIXTURE])
    assert "fuzzy: 'Hello'" in problem


def test_message_missing_from_a_catalogue_is_reported(fixture_locales):
    _edit(fixture_locales, "en", lambda c: c.remove(c.find("Hello")))
    [problem] = catalogues.check(fixture_locales, [FIXTURE])
    assert "not in the catalogue: 'Hello'" in problem


def test_missing_catalogue_is_reported(fixture_locales):
    FIXTURE.catalogue(fixture_locales, "ar").unlink()
    [problem] = catalogues.check(fixture_locales, [FIXTURE])
    assert problem.endswith("missing")


def test_changed_placeholder_is_reported(fixture_locales):
    def rename(catalogue):
        catalogue.find(
            "${count} records in ${state}"
        ).msgstr = "${count} سجلًا في ${country}"

    _edit(fixture_locales, "ar", rename)
    [problem] = catalogues.check(fixture_locales, [FIXTURE])
    assert "placeholders differ" in problem


def test_check_command_exits_non_zero_on_problems(fixture_locales, monkeypatch):
    monkeypatch.setattr(catalogues, "DOMAINS", (FIXTURE,))
    assert catalogues.main(["check", "--locales", str(fixture_locales)]) == 0
    _edit(fixture_locales, "ar", lambda c: setattr(c.find("Hello"), "msgstr", ""))
    assert catalogues.main(["check", "--locales", str(fixture_locales)]) == 1


# -- extraction and merging, on a synthetic package ---------------------------

PYTHON = """\
from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("fixture")
GREETING = _("Hello")
"""

TEMPLATE = """\
<p xmlns:i18n="http://xml.zope.org/namespaces/i18n" i18n:domain="fixture">
  <span i18n:translate="">Records</span>
  <span i18n:domain="other" i18n:translate="">Not ours</span>
</p>
"""


@pytest.fixture
def fixture_package(tmp_path: Path) -> Path:
    package = tmp_path / "src" / FIXTURE.package
    (package / "templates").mkdir(parents=True)
    (package / "__init__.py").write_text(PYTHON, encoding="utf-8")
    (package / "templates" / "page.pt").write_text(TEMPLATE, encoding="utf-8")
    return tmp_path / "src"


def test_extraction_reads_python_and_templates_of_the_domain(fixture_package, tmp_path):
    found = catalogues.template_msgids(FIXTURE, tmp_path, root=fixture_package)
    assert found == {"Hello", "Records"}


def test_update_creates_and_merges_catalogues(fixture_package, tmp_path):
    locales = tmp_path / "locales"
    catalogues.update(locales, [FIXTURE], root=fixture_package)
    arabic = polib.pofile(str(FIXTURE.catalogue(locales, "ar")))
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")
    english = polib.pofile(str(FIXTURE.catalogue(locales, "en")))
    assert {e.msgid: e.msgstr for e in english} == {
        "Hello": "Hello",
        "Records": "Records",
    }
    # Only Arabic is left to translate; English writes itself.
    assert [p.split(": ")[1] for p in catalogues.check(locales, [FIXTURE])] == [
        "untranslated",
        "untranslated",
    ]

    arabic.find("Hello").msgstr = "مرحبًا"
    arabic.save()
    source = fixture_package / FIXTURE.package / "__init__.py"
    source.write_text(PYTHON + 'MORE = _("New message")\n', encoding="utf-8")
    assert "New message" in catalogues.template_msgids(
        FIXTURE, tmp_path, root=fixture_package
    ) - catalogues.msgids(FIXTURE.template(locales))

    catalogues.update(locales, [FIXTURE], root=fixture_package)
    arabic = polib.pofile(str(FIXTURE.catalogue(locales, "ar")))
    assert arabic.find("Hello").msgstr == "مرحبًا"
    assert arabic.find("New message").msgstr == ""
    english = polib.pofile(str(FIXTURE.catalogue(locales, "en")))
    assert english.find("New message").msgstr == "New message"
