"""``/review/guidance``: the Secretariat's guidance and e-training pages (¶20).

The Secretariat helps States upload their responses "by assisting them with
e-training, instructions, advice" (¶20): short pages, each in one of the
six languages, read by the officials of every State and written by the
Secretariat.  A page's body is plain text (paragraphs separated by an empty
line), shown escaped: nothing an editor types is ever run as HTML.  Every
edit names the revision it was based on; an edit based on an older one is
refused (:class:`GuidanceChanged`), so two editors never silently overwrite
each other (SECURITY.md §8).
"""

from __future__ import annotations

import time

from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..principals import ROLE_STATE_OFFICIAL, SECRETARIAT
from .permissions import GuidancePermission as P

#: ``/review/guidance``.
GUIDANCE_NAME = "guidance"


def guidance_acl() -> list:
    """Officials of every State read, the Secretariat writes; nobody else
    (not NGOs, not the public: the pages are about the secure module)."""
    return [
        (Allow, SECRETARIAT, (P.VIEW, P.EDIT)),
        (Allow, ROLE_STATE_OFFICIAL, P.VIEW),
        DENY_ALL,
    ]


class GuidanceChanged(Exception):
    """The page was saved by someone else since the revision edited."""

    def __init__(self, page: GuidancePage) -> None:
        super().__init__(page.revision)
        self.page = page


class GuidancePage(Resource):
    """One page: title, plain-text body, language, who changed it last."""

    schema_version = 1
    view_permission = P.VIEW
    #: Bumped by every edit; the edit form carries the one it started from.
    revision = 0

    def __init__(self, title: str, body: str, language: str, by: str) -> None:
        super().__init__()
        self.title = title
        self.body = body
        self.language = language
        self.created_by = self.updated_by = by
        self.created_at = self.updated_at = time.time()

    def paragraphs(self) -> list[list[str]]:
        """The body as paragraphs (split on empty lines), each a list of lines."""
        blocks = self.body.replace("\r\n", "\n").split("\n\n")
        return [block.strip("\n").split("\n") for block in blocks if block.strip()]

    def revise(self, title: str, body: str, language: str, by: str, base: int) -> None:
        """Save an edit started from revision ``base``.

        :raises GuidanceChanged: somebody saved since ``base``.
        """
        if base != self.revision:
            raise GuidanceChanged(self)
        self.title = title
        self.body = body
        self.language = language
        self.updated_by = by
        self.updated_at = time.time()
        self.revision += 1

    @fail_closed
    def __acl__(self):
        return guidance_acl()


class Guidance(Folder):
    """``/review/guidance``: pages named by number (``1``, ``2``, …)."""

    schema_version = 1
    view_permission = P.VIEW

    def next_name(self) -> str:
        return str(max((int(k) for k in self.keys()), default=0) + 1)

    def add_page(self, page: GuidancePage) -> GuidancePage:
        return self.add(self.next_name(), page)

    @fail_closed
    def __acl__(self):
        return guidance_acl()
