"""File types from content, word diffs, search words (CJK included)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from sherloc_review.responses.answers import save
from sherloc_review.responses.attachments import sniff
from sherloc_review.responses.diff import word_diff
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.search import words
from sherloc_review.responses.submit import submit


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7 ...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("Loi n° 2020-1, texte".encode(), "text/plain"),
        (
            _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "application/vnd.oasis.opendocument.text",
        ),
        (b"MZ\x90\x00\x03", None),  # a Windows executable
        (b"\x7fELF\x02\x01", None),
        (_zip({"payload.exe": b"MZ"}), None),  # a zip that is no document
        (b"\x00\x01binary", None),
        ("texte".encode("utf-16"), None),
    ],
)
def test_the_type_comes_from_the_content(data, expected):
    assert sniff(data) == expected


def test_a_word_diff_marks_what_changed():
    parts = word_diff("the old wording stays", "the new wording stays")
    assert ("removed", "old") in parts and ("added", "new") in parts
    assert "".join(t for k, t in parts if k != "removed") == "the new wording stays"


def test_chinese_is_searched_character_by_character():
    assert {"刑", "法"} <= words("刑法第五条")
    assert words("Code pénal") == {"code", "pénal"}


def test_search_finds_submitted_chinese_text(app, portal, untoc):
    question = untoc.questions[-1]
    save(untoc, question.id, AnswerValue(closed="yes", text="依据刑法第五条"), 0, "x")
    submit(untoc, "focal-ken", date(2027, 1, 20), "key", False)
    from sherloc_review.responses.catalog import catalog_of

    catalog = catalog_of(portal["review"]).words
    assert ("KEN", 1, "UNTOC") in catalog["刑"]


def test_a_zip_bomb_is_not_inflated_to_find_its_type():
    bomb = _zip({"mimetype": b"a" * 50_000_000})  # ~50 kB compressed
    assert sniff(bomb) is None


def test_control_and_formatting_characters_leave_file_names():
    from sherloc_review.responses.attachments import safe_filename

    assert safe_filename("re\tport\u202efdp.exe\x00") == "reportfdp.exe"


def test_long_texts_are_compared_line_by_line():
    old = "\n".join(f"line {i} of the old text" for i in range(2000))
    new = old.replace("line 1000 of the old", "line 1000 of the new")
    parts = word_diff(old, new)
    assert ("removed", "line 1000 of the old text\n") in parts
    assert ("added", "line 1000 of the new text\n") in parts


def test_a_zip_with_a_corrupt_entry_is_refused_not_an_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" * 50)
    data = bytearray(buffer.getvalue())
    start = 30 + len("mimetype")  # the local header, then the deflated bytes
    data[start : start + 8] = b"\xff" * 8
    assert sniff(bytes(data)) is None


def test_an_excerpt_is_cut_around_the_match_whatever_folding_does():
    from sherloc_review.responses.search import excerpt

    text = "A" * 300 + " Straße des Gesetzes " + "B" * 300
    assert "Straße" in excerpt(text, "straße".casefold())
