"""``phase-N/dialogue/N/file/<id>``: a file attached in a thread.

Served to whoever may read the thread, only if the thread holds it, and
always as a download, never rendered by the browser (SECURITY.md §7).
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..responses.files import download
from .permissions import DialoguePermission as P
from .resources import Thread


@view_config(
    context=Thread,
    name="file",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
def thread_file(context: Thread, request):
    found = None
    if len(request.subpath) == 1:
        found = context.files.get(request.subpath[0])
    if found is None:
        raise HTTPNotFound()
    return download(None, found.filename, blob=found.blob)
