"""``phase-N/dialogue/@@export``: download the archive of the dialogue (¶35).

The participants and the Secretariat download a zip of what each may read
(:mod:`.export`), checked later with ``sherloc-archive-check``.  It is a
confidential download: an attachment, never cached, never rendered.  The
zip is written to a temporary file (in memory while small, on disk past
:data:`SPOOL_BYTES`) and streamed from it, so a dialogue with large files
never sits in memory and the response outlives the database connection.
"""

from __future__ import annotations

import logging
import tempfile

from pyramid.response import FileIter
from pyramid.view import view_config

from sherloc_portal.accounts.security_log import log_event

from ..responses import files
from .export import write_archive
from .permissions import DialoguePermission as P
from .resources import Dialogue

log = logging.getLogger(__name__)
#: Past this size the zip being written moves from memory to disk.
SPOOL_BYTES = 4 * 1024 * 1024


@view_config(context=Dialogue, name="export", permission=P.EXPORT, request_method="GET")
def export(context: Dialogue, request):
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileIter closes it)
    try:
        manifest = write_archive(request, context, spool)
        size = spool.seek(0, 2)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    iso3, number = context.country.iso3, context.phase.number
    day = request.clock.today().isoformat()
    response = files.download(
        b"", f"{iso3}-phase-{number}-dialogue-{day}.zip", "application/zip"
    )
    response.app_iter = FileIter(spool)
    response.content_length = size
    # Who took a copy of what, without any of its content (SECURITY.md §11),
    # in the hash-chained security log: the manifest's fingerprint there
    # shows later that an archive is one the portal produced.
    log_event(
        request,
        "dialogue.archive.exported",
        review=f"{iso3}/phase-{number}",
        manifest_sha256=manifest,
        size=size,
    )
    return response
