"""``/review/dialogues/N/document/<id>``: the programme and background papers
(¶53(g)), downloaded by anyone.

A dialogue keeps the Secretariat's documents and the applicants' files in
the same ``files`` tree; only a file a published :class:`.resources.Document`
names is served here.  Any other id answers 404 like one that does not
exist, so an applicant's file is neither served nor shown to exist (its
readers use ``registration-M/applicant-file/<id>``).  Always a download,
typed from its content (SECURITY.md §7).
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..responses.files import download
from .permissions import StakeholderPermission as P
from .resources import ConstructiveDialogue


@view_config(
    context=ConstructiveDialogue,
    name="document",
    permission=P.PUBLIC_VIEW,
    request_method=("GET", "HEAD"),
)
def document_file(context: ConstructiveDialogue, request):
    published = {d.file_id for d in context.documents}
    found = None
    if len(request.subpath) == 1 and request.subpath[0] in published:
        found = context.files.get(request.subpath[0])
    if found is None:
        raise HTTPNotFound()
    return download(
        None,
        found.filename,
        content_type=found.content_type,
        public=True,
        blob=found.blob,
    )
