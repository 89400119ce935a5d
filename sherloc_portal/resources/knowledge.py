"""The public knowledge base: legislation records and the directory."""

from __future__ import annotations

import time

from BTrees.OOBTree import OOBTree, OOTreeSet
from pyramid.authorization import Allow, Everyone

from ..security.acl import ADMIN, SECRETARIAT, fail_closed
from ..security.permissions import Permission
from .folder import Folder, Resource


class LegislationRecord(Resource):
    """A piece of legislation of one State, tied to the articles it implements.

    ``record_id`` is the stable id other objects cite it by (e.g. the answers
    of a questionnaire); ``articles`` are references such as ``UNTOC:5``.
    """

    schema_version = 1
    url = ""
    text = ""
    #: Bumped by every edit; an edit based on an older one is refused (409).
    revision = 0

    def __init__(self, record_id, state, title, articles=(), url="", text=""):
        super().__init__()
        self.record_id = record_id
        self.state = state
        self.title = title
        self.articles = tuple(articles)
        self.url = url
        self.text = text
        self.created = time.time()

    @fail_closed
    def __acl__(self):
        return [(Allow, Everyone, Permission.PORTAL_VIEW)]


class Legislation(Folder):
    """``/knowledge/legislation``: records keyed by stable id, indexed by State
    and by article so a listing never scans every record."""

    schema_version = 1

    def __init__(self) -> None:
        super().__init__()
        self.by_state = OOBTree()
        self.by_article = OOBTree()

    def add_record(self, record: LegislationRecord) -> LegislationRecord:
        self.add(record.record_id, record)
        self.by_state.setdefault(record.state, OOTreeSet()).add(record.record_id)
        for ref in record.articles:
            self.by_article.setdefault(ref, OOTreeSet()).add(record.record_id)
        return record

    def remove_record(self, record_id: str) -> None:
        record = self.remove(record_id)
        self.by_state.get(record.state, OOTreeSet()).discard(record_id)
        for ref in record.articles:
            self.by_article.get(ref, OOTreeSet()).discard(record_id)

    def for_state(self, state: str) -> list[LegislationRecord]:
        return [self[i] for i in self.by_state.get(state, ())]

    def for_article(self, ref: str) -> list[LegislationRecord]:
        return [self[i] for i in self.by_article.get(ref, ())]

    def states(self) -> list[str]:
        return [k for k, v in self.by_state.items() if len(v)]


class KnowledgeBase(Folder):
    """``/knowledge``: everything here is public (SECURITY.md §2)."""

    schema_version = 1

    def __init__(self) -> None:
        super().__init__()
        self.add("legislation", Legislation())

    @fail_closed
    def __acl__(self):
        return [
            (Allow, Everyone, Permission.PORTAL_VIEW),
            (Allow, ADMIN, Permission.KNOWLEDGE_EDIT),
            (Allow, SECRETARIAT, Permission.KNOWLEDGE_EDIT),
        ]
