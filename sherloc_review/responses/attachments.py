"""Files attached to answers: size-limited, typed from content, scanned.

The type is decided from the first bytes of the file, never from its name
or the browser's claim; only the allow-list below is taken.  A deployment
may name a scanner (``sherloc.upload_scanner = package.module:function``,
called with the bytes, returning a reason to refuse or ``None``), e.g. a
ClamAV client.  Stored as ZODB blobs and never deleted: a submission may
cite them.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import unicodedata
import zipfile
import zlib

from pyramid.path import DottedNameResolver
from ZODB.blob import Blob

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .access import still_draft
from .resources import Attachment

#: Bytes one attachment may have, unless ``sherloc.max_upload_bytes`` says.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_ODF = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
)
#: Bytes plain text never holds (tab, line feed, form feed and carriage
#: return are text).
_TEXT_CONTROLS = bytes([*range(0, 9), 11, *range(14, 32), 127])
#: What the allow-list takes, as a reader would name it.
ALLOWED = "PDF, PNG, JPEG, Word, Excel, PowerPoint, OpenDocument, plain text"


def sniff(data: bytes) -> str | None:
    """The content type ``data`` really has, if it is allowed."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/x-ole-storage"  # .doc, .xls, .ppt
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if data.translate(None, _TEXT_CONTROLS) != data:
        return None  # control characters: no text a person wrote
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def _zip_type(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "mimetype" in names:
            # Read at most a line: a declared size proves nothing, and an
            # unbounded read of a crafted entry would inflate gigabytes.
            with archive.open("mimetype") as entry:
                declared = entry.read(100).decode("ascii", "replace").strip()
            return declared if declared in _ODF else None
    except (zipfile.BadZipFile, zlib.error, KeyError, RuntimeError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in _OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return content_type
    return None


def max_bytes(registry) -> int:
    return int(registry.settings.get("sherloc.max_upload_bytes", DEFAULT_MAX_BYTES))


def _scan(registry, data: bytes) -> str | None:
    name = registry.settings.get("sherloc.upload_scanner", "").strip()
    if not name:
        return None
    return DottedNameResolver().resolve(name)(data)


def read_upload(registry, upload) -> tuple[str, bytes]:
    """``(filename, bytes)`` of an uploaded form field, within the limit."""
    limit = max_bytes(registry)
    if upload is None or not hasattr(upload, "file"):
        raise ActionRefused(_("Choose a file to attach."))
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise ActionRefused(
            _(
                "The file is larger than ${size} MB.",
                mapping={"size": limit // (1024 * 1024)},
            )
        )
    if not data:
        raise ActionRefused(_("The file is empty."))
    name = safe_filename((upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    return name[:200] or "attachment", data


def safe_filename(name: str) -> str:
    """``name`` without control or formatting characters (a tab breaks a
    header, a right-to-left override disguises ``txt.exe`` as ``exe.txt``)."""
    return "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))


def make(registry, filename: str, data: bytes, by: str, on_behalf: bool) -> Attachment:
    """An :class:`Attachment` of ``data``, typed from its content and
    scanned; refused with a clear reason otherwise.  The caller files it."""
    content_type = sniff(data)
    if content_type is None:
        raise ActionRefused(
            _(
                "This kind of file is not accepted. Accepted: ${kinds}.",
                mapping={"kinds": ALLOWED},
            )
        )
    reason = _scan(registry, data)
    if reason:
        raise ActionRefused(
            _(
                "The file was refused by the virus scan: ${reason}",
                mapping={"reason": reason},
            )
        )
    blob = Blob()
    with blob.open("w") as f:
        f.write(data)
    return Attachment(
        id=secrets.token_hex(8),
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        by=by,
        blob=blob,
        on_behalf=bool(on_behalf),
    )


def store(
    registry, assessment, filename: str, data: bytes, by: str, on_behalf: bool
) -> Attachment:
    still_draft(assessment)  # the view's permission asked for a draft
    attachment = make(registry, filename, data, by, on_behalf)
    assessment.attachments[attachment.id] = attachment
    return attachment
