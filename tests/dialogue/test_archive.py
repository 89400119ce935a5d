"""``sherloc-archive-check``: an archive verified against its manifest.

Archives are built here by hand, well formed and then broken in each way
the command must catch; the portal's own export is checked end to end in
``tests/functional/test_dialogue_export.py``.
"""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from sherloc_review.dialogue.archive_check import MAX_FILE_BYTES, main, unsafe
from sherloc_review.dialogue.export import file_path

FILES = {"record.html": b"<p>record</p>", "files/1/ab-note.txt": b"a note"}


def _entry(path: str, data: bytes) -> dict:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _manifest(files: dict[str, bytes], **changes) -> bytes:
    manifest = {
        "format": "sherloc-dialogue-archive",
        "version": 1,
        "review": {"iso3": "ITA", "phase": 1, "cluster": "I"},
        "generated_at": "2027-01-15T12:00:00Z",
        "generated_by": "secretariat",
        "files": [_entry(p, d) for p, d in files.items()],
    }
    manifest.update(changes)
    return json.dumps(manifest).encode()


def _archive(tmp_path, members, manifest: bytes | None = None):
    """A zip of ``members`` (name, bytes) and the manifest of ``FILES``."""
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
        if manifest is not False:
            archive.writestr("manifest.json", manifest or _manifest(FILES))
    return path


def _run(path, capsys) -> tuple[int, list[str]]:
    status = main([str(path)])
    return status, capsys.readouterr().out.splitlines()


def test_a_sound_archive_is_verified(tmp_path, capsys):
    path = _archive(tmp_path, FILES.items())
    status, out = _run(path, capsys)
    with zipfile.ZipFile(path) as archive:
        fingerprint = hashlib.sha256(archive.read("manifest.json")).hexdigest()
    assert (status, out) == (
        0,
        ["OK: 2 files verified", f"manifest SHA-256: {fingerprint}"],
    )


def test_an_altered_byte_is_named(tmp_path, capsys):
    members = {**FILES, "files/1/ab-note.txt": b"a nothe"[:6]}
    status, out = _run(_archive(tmp_path, members.items()), capsys)
    assert status == 1
    assert out == [
        "files/1/ab-note.txt: SHA-256 differs from the manifest: the file was altered",
        "FAILED: 1 problem",
    ]


def test_a_file_added_or_removed_is_named(tmp_path, capsys):
    members = [*FILES.items(), ("files/1/extra.exe", b"MZ")]
    status, out = _run(_archive(tmp_path, members), capsys)
    assert status == 1
    assert out[0] == "files/1/extra.exe: in the archive but not listed in the manifest"
    status, out = _run(
        _archive(tmp_path, [("record.html", FILES["record.html"])]), capsys
    )
    assert status == 1
    assert out[0] == (
        "files/1/ab-note.txt: listed in the manifest but missing from the archive"
    )


def test_a_size_other_than_the_manifests_is_caught_before_reading(tmp_path, capsys):
    members = {**FILES, "files/1/ab-note.txt": b"a note, longer"}
    status, out = _run(_archive(tmp_path, members.items()), capsys)
    assert status == 1
    assert out[0] == "files/1/ab-note.txt: 14 bytes, the manifest says 6"


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "/etc/passwd", "files/../../evil", "C:/evil.txt", "a\\b", "a//b"],
)
def test_zip_slip_paths_are_refused(tmp_path, capsys, name):
    assert unsafe(name)
    status, out = _run(_archive(tmp_path, [*FILES.items(), (name, b"x")]), capsys)
    assert status == 1
    assert out[0] == f"{name}: unsafe path in the archive: refused"


def test_a_manifest_listing_an_unsafe_path_or_absurd_size_is_refused(tmp_path, capsys):
    manifest = json.loads(_manifest(FILES))
    manifest["files"].append({"path": "../x", "sha256": "0" * 64, "size": 1})
    manifest["files"].append(
        {"path": "big.bin", "sha256": "0" * 64, "size": MAX_FILE_BYTES + 1}
    )
    path = _archive(tmp_path, FILES.items(), json.dumps(manifest).encode())
    status, out = _run(path, capsys)
    assert status == 1
    assert out[:2] == [
        "../x: unsafe or reserved path in the manifest: refused",
        f"big.bin: the manifest gives an impossible size: {MAX_FILE_BYTES + 1}",
    ]


def test_a_name_twice_in_the_archive_is_a_problem(tmp_path, capsys):
    members = [*FILES.items(), ("record.html", FILES["record.html"])]
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = _archive(tmp_path, members)
    status, out = _run(path, capsys)
    assert status == 1
    assert out[0] == "record.html: appears 2 times in the archive"


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        (False, "manifest.json: missing: nothing to verify against"),
        (b"{not json", "manifest.json: cannot be read"),
        (
            _manifest(FILES, format="other"),
            "manifest.json: not a manifest of a sherloc-dialogue-archive",
        ),
        (_manifest(FILES, version=2), "manifest.json: version 2 is not 1"),
    ],
)
def test_a_missing_or_foreign_manifest_fails(tmp_path, capsys, manifest, problem):
    status, out = _run(_archive(tmp_path, FILES.items(), manifest), capsys)
    assert status == 1
    assert out[0].startswith(problem)
    assert out[-1].startswith("FAILED:")


def test_damaged_compressed_data_is_named(tmp_path, capsys):
    data = b"a note " * 2000
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("files/1/ab-note.txt", data)
        archive.writestr("manifest.json", _manifest({"files/1/ab-note.txt": data}))
        offset = archive.getinfo("files/1/ab-note.txt").header_offset
    raw = bytearray(path.read_bytes())
    raw[offset + 30 + len("files/1/ab-note.txt") + 5] ^= 0xFF  # inside its data
    path.write_bytes(bytes(raw))
    status, out = _run(path, capsys)
    assert status == 1
    assert out[0].startswith("files/1/ab-note.txt: ")


def test_what_is_not_a_zip_is_unreadable(tmp_path, capsys):
    path = tmp_path / "archive.zip"
    path.write_bytes(b"not a zip at all")
    assert main([str(path)]) == 2
    assert main([str(tmp_path / "missing.zip")]) == 2
    assert "UNREADABLE" in capsys.readouterr().err


def test_archived_file_names_are_safe_to_extract_anywhere():
    class Attachment:
        id = "0123abcd"
        filename = "..\\..\\a:b/c\u202etxt.exe"

    class Thread:
        number = 7

    path = file_path(Thread(), Attachment())
    assert path == "files/7/0123abcd-.._.._a_b_ctxt.exe"
    assert not unsafe(path)
