"""The public knowledge base: legislation by State and article, the directory.

Everyone may read (``PORTAL_VIEW`` on ``/knowledge``); the Secretariat and
administrators add and edit records (``KNOWLEDGE_EDIT``).  Listings read the
State and article indexes of :class:`~..resources.knowledge.Legislation` and
stop after one page: no view walks every record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

import colander
import deform
from BTrees.OOBTree import intersection
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..forms import ActionRefused, CSRFSchema, FormView
from ..i18n import _
from ..resources.knowledge import KnowledgeBase, Legislation, LegislationRecord
from ..security.permissions import Permission

PAGE_SIZE = 20
STATE = re.compile(r"^[A-Z]{3}$")
#: An article of an instrument, e.g. ``UNTOC:5``, ``FIREARMS:10``, ``TIP:5a``.
ARTICLE = re.compile(r"^[A-Z]+:[0-9]+[a-z]?$")

READ = {"permission": Permission.PORTAL_VIEW, "request_method": ("GET", "HEAD")}


def normalize_article(ref: str) -> str:
    """``untoc : 5`` and ``UNTOC:5`` name the same article."""
    instrument, _sep, number = ref.replace(" ", "").partition(":")
    return f"{instrument.upper()}:{number}"


# -- the index and the directory ------------------------------------------


@view_config(
    context=KnowledgeBase,
    renderer="sherloc_portal:templates/knowledge/index.pt",
    **READ,
)
def knowledge_index(context: KnowledgeBase, request) -> dict[str, Any]:
    legislation = context["legislation"]
    return {
        "page_title": _("Knowledge base"),
        "record_count": len(legislation),
        "state_count": len(legislation.states()),
    }


@view_config(
    context=KnowledgeBase,
    name="directory",
    renderer="sherloc_portal:templates/knowledge/directory.pt",
    **READ,
)
def directory(context: KnowledgeBase, request) -> dict[str, Any]:
    """Every registered directory section, in order, its rows under headings.

    Rows keep the order their section gives them; a heading appears once,
    where its first row was.
    """
    sections = sorted(
        request.registry.sherloc_extensions.directory_sections.values(),
        key=lambda s: (s.order, s.name),
    )
    shown = []
    for section in sections:
        groups: dict[str, list[dict]] = {}
        for row in section.collect(request):
            groups.setdefault(str(row["group"]), []).append(row)
        shown.append({"name": section.name, "title": section.title, "groups": groups})
    return {"page_title": _("Directory"), "sections": shown}


# -- legislation -------------------------------------------------------------


@dataclass(frozen=True)
class ListingQuery:
    """The filters and page of a legislation listing, checked."""

    state: str = ""
    article: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params) -> tuple[ListingQuery, list]:
        errors = []
        state = params.get("state", "").strip().upper()
        if state and not STATE.match(state):
            errors.append(_("A State is given by its three-letter code, e.g. DEU."))
            state = ""
        article = params.get("article", "").strip()
        if article:
            article = normalize_article(article)
            if not ARTICLE.match(article):
                errors.append(
                    _("An article is given as instrument:number, e.g. UNTOC:5.")
                )
                article = ""
        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        return cls(state, article, page), errors

    def params(self, page: int) -> dict[str, str]:
        """The query string of another page of the same listing."""
        values = {"state": self.state, "article": self.article}
        if page > 1:
            values["page"] = str(page)
        return {key: value for key, value in values.items() if value}


def matching_ids(legislation: Legislation, query: ListingQuery):
    """Record ids matching the filters, lazily, grouped by State when unfiltered.

    Returns ``(ids, total)``; ``ids`` is an iterable read only as far as the
    page needs.
    """
    by_state = legislation.by_state.get(query.state) if query.state else None
    by_article = legislation.by_article.get(query.article) if query.article else None
    if query.state and query.article:
        # NB: BTrees' intersection(None, x) is x, so a missing side means none.
        if by_state is None or by_article is None:
            return (), 0
        ids = intersection(by_state, by_article)
        return ids, len(ids)
    if query.state or query.article:
        ids = by_state if query.state else by_article
        return (ids or ()), len(ids or ())
    ids = chain.from_iterable(ids for _state, ids in legislation.by_state.items())
    return ids, len(legislation)


@view_config(
    context=Legislation,
    renderer="sherloc_portal:templates/knowledge/legislation.pt",
    **READ,
)
def legislation_listing(context: Legislation, request) -> dict[str, Any]:
    query, errors = ListingQuery.from_params(request.GET)
    ids, total = matching_ids(context, query)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    start = (page - 1) * PAGE_SIZE
    records = [context[i] for i in islice(ids, start, start + PAGE_SIZE)]
    groups: dict[str, list[LegislationRecord]] = {}
    for record in sorted(records, key=lambda r: r.state):
        groups.setdefault(record.state, []).append(record)
    url = request.resource_url(context)
    return {
        "page_title": _("Legislation"),
        "query": query,
        "errors": errors,
        "groups": groups,
        "total": total,
        "page": page,
        "pages": pages,
        "states": context.states(),
        "prev_url": page > 1
        and request.resource_url(context, query=query.params(page=page - 1)),
        "next_url": page < pages
        and request.resource_url(context, query=query.params(page=page + 1)),
        "listing_url": url,
        "can_edit": request.has_permission(Permission.KNOWLEDGE_EDIT, context),
    }


@view_config(
    context=LegislationRecord,
    renderer="sherloc_portal:templates/knowledge/record.pt",
    **READ,
)
def legislation_record(context: LegislationRecord, request) -> dict[str, Any]:
    """The record, and what add-ons say cites it (only what the reader may
    see: a private back-link makes the page private to the cache too)."""
    backlinks = []
    for section in request.registry.sherloc_extensions.record_backlinks.values():
        links = section.collect(request, context)
        if links:
            backlinks.append({"title": section.title, "links": links})
    if backlinks:
        request.response.cache_control = "private, no-store"
    return {
        "page_title": context.title,
        "record": context,
        "backlinks": backlinks,
        "can_edit": request.has_permission(Permission.KNOWLEDGE_EDIT, context),
    }


# -- the add and edit forms ---------------------------------------------------


def _articles_valid(node: colander.SchemaNode, value: str) -> None:
    wrong = [ref for ref in split_articles(value) if not ARTICLE.match(ref)]
    if wrong:
        raise colander.Invalid(
            node,
            _(
                "Not an article reference: ${refs}. Write instrument:number, "
                "e.g. UNTOC:5, separated by commas.",
                mapping={"refs": ", ".join(wrong)},
            ),
        )


def split_articles(value: str) -> list[str]:
    """``"UNTOC:5, untoc:6"`` → ``["UNTOC:5", "UNTOC:6"]`` (no duplicates)."""
    refs = (normalize_article(r) for r in re.split(r"[,;\s]+", value) if r)
    return list(dict.fromkeys(refs))


def _state_preparer(value):
    return value.strip().upper() if isinstance(value, str) else value


class LegislationEditSchema(CSRFSchema):
    """What an editor may change on a record (its id stays)."""

    state = colander.SchemaNode(
        colander.String(),
        title=_("State (three-letter code)"),
        preparer=_state_preparer,
        validator=colander.Regex(
            STATE, msg=_("A State is given by its three-letter code, e.g. DEU.")
        ),
    )
    title = colander.SchemaNode(
        colander.String(), title=_("Title"), validator=colander.Length(max=500)
    )
    articles = colander.SchemaNode(
        colander.String(),
        title=_("Articles implemented"),
        description=_("Article references separated by commas, e.g. UNTOC:5, TIP:3."),
        validator=_articles_valid,
        missing="",
    )
    url = colander.SchemaNode(
        colander.String(),
        title=_("Link to the official text"),
        validator=colander.All(
            colander.url,
            colander.Regex(
                r"^https?://", msg=_("Give a link starting with https:// or http://.")
            ),
        ),
        missing="",
    )
    text = colander.SchemaNode(
        colander.String(),
        title=_("Summary or extract"),
        widget=deform.widget.TextAreaWidget(rows=8),
        missing="",
    )


class LegislationAddSchema(LegislationEditSchema):
    record_id = colander.SchemaNode(
        colander.String(),
        title=_("Record identifier"),
        description=_(
            "A short stable identifier other pages cite, e.g. deu-stgb-129; "
            "letters, digits, dots and hyphens."
        ),
        validator=colander.Regex(
            re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
            msg=_("Use letters, digits, dots and hyphens only (at most 64)."),
        ),
        insert_before="state",
    )


class LegislationRevisionSchema(LegislationEditSchema):
    """The edit form: the fields plus the revision the editor started from."""

    revision = colander.SchemaNode(
        colander.Integer(), widget=deform.widget.HiddenWidget()
    )


def _record_values(appstruct: dict) -> dict:
    return {
        "state": appstruct["state"],
        "title": appstruct["title"],
        "articles": tuple(split_articles(appstruct["articles"])),
        "url": appstruct["url"],
        "text": appstruct["text"],
    }


FORM = {
    "renderer": "sherloc_portal:templates/knowledge/form.pt",
    "request_method": ("GET", "POST"),
}


@view_config(
    context=Legislation, name="add", permission=Permission.KNOWLEDGE_EDIT, **FORM
)
class AddLegislationRecord(FormView):
    schema = LegislationAddSchema
    formid = "legislation-add"
    buttons = (deform.Button("save", _("Add the record")),)

    def values(self) -> dict[str, Any]:
        return {"page_title": _("Add a legislation record")}

    def save_success(self, appstruct: dict) -> HTTPSeeOther:
        record_id = appstruct["record_id"]
        if record_id in self.context:
            raise ActionRefused(
                _("A record with this identifier exists already."), field="record_id"
            )
        record = LegislationRecord(record_id, **_record_values(appstruct))
        self.context.add_record(record)
        self.request.session.flash(_("The record was added."))
        return HTTPSeeOther(location=self.request.resource_url(record))


@view_config(
    context=LegislationRecord,
    name="edit",
    permission=Permission.KNOWLEDGE_EDIT,
    **FORM,
)
class EditLegislationRecord(FormView):
    """Edit a record; two editors never silently overwrite each other.

    The form carries the revision it was loaded from.  When somebody saved
    in between, the save is refused with 409: the editor's text stays in
    the form, the other person's version is shown beside it, and saving
    again (now from the current revision) replaces it knowingly.
    """

    schema = LegislationRevisionSchema
    current = None
    formid = "legislation-edit"
    buttons = (deform.Button("save", _("Save changes")),)

    def values(self) -> dict[str, Any]:
        return {
            "page_title": _("Edit ${title}", mapping={"title": self.context.title}),
            "current": self.current,
        }

    def appstruct(self) -> dict[str, Any]:
        record = self.context
        return {
            "state": record.state,
            "title": record.title,
            "articles": ", ".join(record.articles),
            "url": record.url,
            "text": record.text,
            "revision": record.revision,
        }

    def save_success(self, appstruct: dict) -> HTTPSeeOther:
        record: LegislationRecord = self.context
        legislation: Legislation = record.__parent__
        if appstruct["revision"] != record.revision:
            self.request.response.status = 409
            self.current = self.appstruct()
            self.form["revision"].cstruct = str(record.revision)
            raise ActionRefused(
                _(
                    "Someone else saved this record while you were editing it. "
                    "Your text is kept in the form; their version is shown "
                    "below it. Save again to replace theirs with yours."
                )
            )
        record.revision += 1
        # Re-filed so the State and article indexes follow the new values.
        legislation.remove_record(record.record_id)
        for key, value in _record_values(appstruct).items():
            setattr(record, key, value)
        legislation.add_record(record)
        self.request.session.flash(_("The record was saved."))
        return HTTPSeeOther(location=self.request.resource_url(record))
