"""The archive of a review's dialogue: a zip the participants keep (¶35).

``¶35: a record of that dialogue shall be archived.``  The zip holds

- ``record.html``: one self-contained page, in the downloader's language:
  the review, the released written feedback with the State under review's
  answers (drafts never), every thread the downloader may read with every
  version of every message (time-stamped, attributed), replies and quotes,
  the files with their SHA-256, and the decisions on who may read;
- ``files/<thread>/<file id>-<name>``: the attachments of those threads;
- ``manifest.json``: the path, size and SHA-256 of every other file, which
  ``sherloc-archive-check`` verifies (:mod:`.archive_check`).

Only what the downloader may read goes in: each thread's own ACL is asked
(an additional reviewer gets its instruments' threads only, ¶28(b)), so
the Secretariat's archive is the whole dialogue and a participant's its
share.  Blobs are copied from their committed files in chunks into a zip
written to a temporary file, hashed on the way; nothing is written to the
database.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import quote

from pyramid.renderers import render

from ..cycle.workflow import STATE_LABELS
from ..draws.views import state_name
from ..feedback import pages as feedback_pages
from ..feedback.permissions import FeedbackPermission
from ..feedback.resources import KIND_LABELS as ITEM_KIND_LABELS
from ..feedback.resources import RELEASED
from ..labels import ROLE_LABELS, stamp
from ..responses.attachments import safe_filename
from . import forms
from .archive_check import FORMAT, MANIFEST, VERSION
from .resources import Dialogue, Thread
from .threads import readable
from .views import topic_label

log = logging.getLogger(__name__)

RECORD = "record.html"
RECORD_TEMPLATE = "sherloc_review:templates/dialogue/export_record.pt"
#: Bytes copied from a blob at a time.
CHUNK = 1 << 16
#: Characters Windows refuses in a file name, besides the path separators.
_UNSAFE_IN_NAME = re.compile(r'[/\\:*?"<>|]')


def file_href(thread: Thread, attachment) -> str:
    """The record's link to the file (relative, inside the archive)."""
    return quote(file_path(thread, attachment))


def file_path(thread: Thread, attachment) -> str:
    """Where ``attachment`` of ``thread`` lies in the archive: a name safe
    to extract on any system (no separators, no leading dot)."""
    name = _UNSAFE_IN_NAME.sub(
        "_", safe_filename(f"{attachment.id}-{attachment.filename}")
    )
    return f"files/{thread.number}/{name.strip().lstrip('.')[:150] or 'file'}"


class _Zip:
    """A zip being written, with the fingerprint of each file put in it."""

    def __init__(self, out, when: datetime) -> None:
        self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
        self.date_time = when.timetuple()[:6]
        self.entries: list[dict] = []

    def add(self, path: str, chunks: Iterable[bytes]) -> str:
        """Write ``chunks`` as ``path``; its SHA-256."""
        info = zipfile.ZipInfo(path, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        digest, size = hashlib.sha256(), 0
        with self.zip.open(info, "w", force_zip64=True) as entry:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                entry.write(chunk)
        self.entries.append({"path": path, "sha256": digest.hexdigest(), "size": size})
        return digest.hexdigest()


def _blob_chunks(blob) -> Iterator[bytes]:
    # The committed file itself, as the download view reads it (a blob's
    # own reader may be closed under it by an invalidation).
    with open(blob.committed(), "rb") as stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def _feedback(request, dialogue: Dialogue) -> list[dict]:
    """Each reviewing State's released feedback the reader may read."""
    feedback = dialogue.phase.feedback
    found = []
    for written in feedback.values() if feedback is not None else ():
        if written.status != RELEASED or not request.has_permission(
            FeedbackPermission.VIEW, written
        ):
            continue
        # Withdrawn while drafting: never part of what was released.
        items = [
            i for i in feedback_pages.visible_items(request, written) if not i.withdrawn
        ]
        if items:
            found.append(
                {
                    "reviewer": written.reviewer,
                    "name": feedback_pages.name_of(dialogue.phase, written.reviewer),
                    "release": written.release,
                    "groups": feedback_pages.grouped(written, items),
                }
            )
    return found


def _threads(request, dialogue: Dialogue) -> list[dict]:
    """The threads the reader may read, oldest first, with their messages."""
    found = []
    for thread in reversed(readable(request, dialogue)):
        found.append(
            {
                "thread": thread,
                "topic": topic_label(request, thread),
                "decisions": [
                    d for d in dialogue.decisions if d.thread == thread.number
                ],
                "messages": list(thread.messages.values()),
                "files": thread.files,
            }
        )
    return found


def _record(request, dialogue: Dialogue, threads: list[dict], now: datetime) -> str:
    translate = request.translate
    phase = dialogue.phase
    country = dialogue.country
    mechanism = country.__parent__.__parent__
    states = mechanism["states"]
    cluster = mechanism["clusters"].get(phase.cluster)
    return render(
        RECORD_TEMPLATE,
        {
            "state_name": state_name(states, country.iso3),
            "iso3": country.iso3,
            "phase": phase,
            "cluster": f"{phase.cluster}. {cluster.name}" if cluster else phase.cluster,
            "phase_state": translate(STATE_LABELS.get(phase.state, phase.state)),
            "reviewers": [
                {
                    "name": state_name(states, r.state),
                    "iso3": r.state,
                    "role": translate(ROLE_LABELS.get(r.role, r.role)),
                    "instruments": ", ".join(r.instruments),
                }
                for r in country.reviewers
            ],
            "generated_at": stamp(now.timestamp()),
            "generated_by": request.identity.login,
            "dialogue_decisions": [d for d in dialogue.decisions if d.thread == 0],
            "level": dialogue.level,
            "feedback": _feedback(request, dialogue),
            "threads": threads,
            "stamp": stamp,
            "file_href": file_href,
            "place": lambda instrument, article: feedback_pages.place(
                request, instrument, article
            ),
            "item_kinds": {k: translate(v) for k, v in ITEM_KIND_LABELS.items()},
            "record_kinds": {k: translate(v) for k, v in forms.KIND_LABELS.items()},
            "levels": {k: translate(v) for k, v in forms.LEVEL_LABELS.items()},
        },
        request=request,
    )


def write_archive(request, dialogue: Dialogue, out) -> str:
    """Write the archive of ``dialogue`` as the reader may read it to the
    binary file ``out`` (seekable: a temporary file); the manifest's SHA-256."""
    now = request.clock.now().astimezone(UTC)
    threads = _threads(request, dialogue)
    archive = _Zip(out, now)
    with archive.zip:
        record = _record(request, dialogue, threads, now)
        archive.add(RECORD, [record.encode("utf-8")])
        for entry in threads:
            thread = entry["thread"]
            for attachment in thread.files.values():
                digest = archive.add(
                    file_path(thread, attachment), _blob_chunks(attachment.blob)
                )
                if digest != attachment.sha256:
                    # The record shows the fingerprint taken at upload: a
                    # difference is damage in the blob storage, not ours to hide.
                    log.error(
                        "blob of file %s in thread %s of %s phase %s differs "
                        "from its upload fingerprint",
                        attachment.id,
                        thread.number,
                        dialogue.country.iso3,
                        dialogue.phase.number,
                    )
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "review": {
                "iso3": dialogue.country.iso3,
                "phase": dialogue.phase.number,
                "cluster": dialogue.phase.cluster,
            },
            "generated_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "generated_by": request.identity.login,
            "files": archive.entries,
        }
        body = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        return archive.add(MANIFEST, [body])
