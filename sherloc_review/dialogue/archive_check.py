"""``sherloc-archive-check ARCHIVE.zip``: verify a dialogue archive (¶35).

An archive of a review's dialogue (:mod:`.export`) carries
``manifest.json``: the path, size and SHA-256 of every other file in it.
This command checks that every listed file is there with that size and
fingerprint and that nothing unlisted was added: the archive is complete
and unaltered against its manifest.  The manifest itself is not signed
(anyone could rewrite both); that an archive is the one the portal
produced is shown by its manifest's SHA-256 (printed by this command),
which the portal wrote in its hash-chained security log when the archive
was downloaded (``dialogue.archive.exported``).  It reads
the zip in place (nothing is extracted) and refuses what could harm a
reader who extracts it: absolute paths, ``..``, drive letters, and sizes
no archive of the portal has.

Plain Python only, no Pyramid or ZODB: it runs wherever the archive was
copied.  Prints one line per problem, then a summary; exit status 0 when
every file is verified, 1 when a problem was found, 2 when the file is not
a readable zip at all.  An administrator's tool: its messages are English.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

#: What an archive's manifest declares itself to be.
FORMAT = "sherloc-dialogue-archive"
VERSION = 1
MANIFEST = "manifest.json"
#: Larger than anything the portal writes: a record of thousands of
#: messages, attachments of at most tens of megabytes.
MAX_FILE_BYTES = 4 * 1024**3
MAX_MANIFEST_BYTES = 64 * 1024**2
CHUNK = 1 << 16

_SHA256 = re.compile(r"[0-9a-f]{64}")
_DRIVE = re.compile(r"[A-Za-z]:")


class ArchiveUnreadable(Exception):
    """The file is not a zip that can be opened."""


@dataclass
class Report:
    """What the check found: problems as ``(path, sentence)``."""

    verified: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: The manifest's own SHA-256, to compare with the portal's security log.
    manifest_sha256: str = ""

    def add(self, path: str, problem: str) -> None:
        self.problems.append((path, problem))


def unsafe(path: str) -> bool:
    """Whether extracting ``path`` could write outside the folder it is
    extracted to (zip slip), or the name cannot be a file at all."""
    parts = path.split("/")
    return (
        not path
        or len(path) > 1024
        or path.startswith("/")
        or "\\" in path
        or bool(_DRIVE.match(path))
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(c) < 32 or ord(c) == 127 for c in path)
    )


def _listed(manifest, report: Report) -> dict[str, tuple[int, str]]:
    """path → ``(size, sha256)`` of the manifest's well-formed entries."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        report.add(MANIFEST, f"not a manifest of a {FORMAT}")
        return {}
    if manifest.get("version") != VERSION:
        report.add(MANIFEST, f"version {manifest.get('version')!r} is not {VERSION}")
        return {}
    entries = manifest.get("files")
    if not isinstance(entries, list):
        report.add(MANIFEST, "has no list of files")
        return {}
    listed: dict[str, tuple[int, str]] = {}
    for number, entry in enumerate(entries, 1):
        path = entry.get("path") if isinstance(entry, dict) else None
        size = entry.get("size") if isinstance(entry, dict) else None
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(path, str):
            report.add(MANIFEST, f"entry {number} names no path")
        elif unsafe(path) or path == MANIFEST:
            report.add(path, "unsafe or reserved path in the manifest: refused")
        elif path in listed:
            report.add(path, "listed twice in the manifest")
        elif (
            not isinstance(size, int)
            or isinstance(size, bool)
            or not 0 <= size <= MAX_FILE_BYTES
        ):
            report.add(path, f"the manifest gives an impossible size: {size!r}")
        elif not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            report.add(path, "the manifest gives no valid SHA-256")
        else:
            listed[path] = (size, digest)
    return listed


def _read_manifest(archive: zipfile.ZipFile, report: Report):
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        report.add(MANIFEST, "missing: nothing to verify against")
        return None
    if info.file_size > MAX_MANIFEST_BYTES:
        report.add(MANIFEST, f"{info.file_size} bytes: too large to be a manifest")
        return None
    try:
        with archive.open(info) as stream:
            body = stream.read(MAX_MANIFEST_BYTES + 1)
        report.manifest_sha256 = hashlib.sha256(body).hexdigest()
        return json.loads(body.decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, zlib.error, RuntimeError, OSError) as e:
        report.add(MANIFEST, f"cannot be read: {e}")
        return None


def _verify(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, digest: str
) -> str | None:
    """Why the file ``info`` names is not the one listed, or ``None``."""
    if info.file_size != size:
        return f"{info.file_size} bytes, the manifest says {size}"
    found, read = hashlib.sha256(), 0
    try:
        with archive.open(info) as stream:
            # Never more than the manifest allows, whatever the zip claims.
            while chunk := stream.read(min(CHUNK, size + 1 - read)):
                found.update(chunk)
                read += len(chunk)
                if read > size:
                    return f"longer than the {size} bytes the manifest says"
    except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError, EOFError) as e:
        return f"cannot be read (damaged): {e}"
    if read != size:
        return f"{read} bytes, the manifest says {size}"
    if found.hexdigest() != digest:
        return "SHA-256 differs from the manifest: the file was altered"
    return None


def check(path: str) -> Report:
    """Verify the archive at ``path``; :class:`ArchiveUnreadable` if it is
    not a zip at all."""
    report = Report()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as e:
        raise ArchiveUnreadable(str(e)) from None
    with archive:
        infos = archive.infolist()
        counts = Counter(info.filename for info in infos)
        for name, count in counts.items():
            if count > 1:
                report.add(name, f"appears {count} times in the archive")
            if unsafe(name):
                report.add(name, "unsafe path in the archive: refused")
        manifest = _read_manifest(archive, report)
        listed = _listed(manifest, report) if manifest is not None else {}
        for name in counts:
            if name != MANIFEST and name not in listed and not unsafe(name):
                report.add(name, "in the archive but not listed in the manifest")
        for name, (size, digest) in listed.items():
            if name not in counts:
                report.add(name, "listed in the manifest but missing from the archive")
                continue
            if counts[name] > 1:
                continue  # reported above: which copy counts is ambiguous
            problem = _verify(archive, archive.getinfo(name), size, digest)
            if problem is None:
                report.verified += 1
            else:
                report.add(name, problem)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sherloc-archive-check",
        description="Verify a SHERLOC dialogue archive against its manifest.",
    )
    parser.add_argument("archive", help="the .zip downloaded from the portal")
    args = parser.parse_args(argv)
    try:
        report = check(args.archive)
    except ArchiveUnreadable as e:
        print(f"UNREADABLE: {args.archive} is not a readable zip: {e}", file=sys.stderr)
        return 2
    for path, problem in report.problems:
        print(f"{path}: {problem}")
    if report.problems:
        count = len(report.problems)
        print(f"FAILED: {count} problem{'' if count == 1 else 's'}")
        return 1
    print(f"OK: {report.verified} files verified")
    print(f"manifest SHA-256: {report.manifest_sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
