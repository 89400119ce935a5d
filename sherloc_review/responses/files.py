"""Files sent to a browser: always a download, never rendered (SECURITY.md §7).

Confidential files are not kept by any cache; published ones are, but
revalidated, so a withdrawal takes effect at once.  Blobs are streamed from
their file, not read into memory.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from urllib.parse import quote

from pyramid.httpexceptions import HTTPServiceUnavailable
from pyramid.response import FileIter, Response

from .attachments import safe_filename
from .pdf import FontsMissing

log = logging.getLogger(__name__)

OCTET_STREAM = "application/octet-stream"


def attachment_disposition(filename: str) -> str:
    """``Content-Disposition`` naming ``filename`` (RFC 6266, with an ASCII
    fallback for old clients)."""
    filename = safe_filename(filename)
    ascii_name = filename.encode("ascii", "replace").decode()
    ascii_name = ascii_name.replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def download(
    body: bytes | None,
    filename: str,
    content_type: str = OCTET_STREAM,
    public: bool = False,
    blob=None,
) -> Response:
    """A response sending ``body`` (or the file of ``blob``) as an attachment."""
    if blob is not None:
        response = Response(content_type=content_type)
        # The committed file itself: a blob's own reader is closed when
        # the connection is reused (ZEO invalidations), mid-download.
        stream = open(blob.committed(), "rb")  # noqa: SIM115 (FileIter closes it)
        response.app_iter = FileIter(stream)
        response.content_length = _size(stream)
    else:
        response = Response(body=body, content_type=content_type)
    response.content_disposition = attachment_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.cache_control = "no-cache" if public else "private, no-store"
    return response


def _size(stream) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


@contextmanager
def fonts_or_503(request, meanwhile):
    """Around drawing a PDF: a server without its fonts answers 503 with
    ``meanwhile`` (what to download instead), and logs why."""
    try:
        yield
    except FontsMissing as missing:
        log.error("PDF export impossible, font files missing: %s", missing)
        raise HTTPServiceUnavailable(request.translate(meanwhile)) from None
