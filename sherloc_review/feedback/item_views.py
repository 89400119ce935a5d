"""Writing the feedback's items and answering them, each over the
revision its writer read (¶35).

``add`` a new item, ``edit/N`` an item's text (or withdraw it: kept,
marked), ``answer/N`` the State under review's answer to a request.  A
save based on an older revision is refused (409): the form comes back with
the writer's text and the other writer's saved text beside it, so nothing
is lost.  The acts of :mod:`.items` check every rule; a refusal is shown on
its field.
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..dialogue import publish
from ..i18n import _
from ..versioned import Stale
from .items import add_item, answer, revise_item, withdraw_item
from .pages import articles_of, common, place
from .permissions import FeedbackPermission as P
from .resources import KIND_LABELS, KINDS, RELEASED, WrittenFeedback
from .views import visible_item

FORM_PAGE = "sherloc_review:templates/feedback/item_form.pt"
FORM_METHODS = ("GET", "HEAD", "POST")


@colander.deferred
def _place_widget(node, kw):
    """The instruments the State reviews, each as a whole and by article
    (``UNTOC`` or ``UNTOC:5``: article numbers repeat across instruments)."""
    request, written = kw["request"], kw["context"]
    groups = [
        deform.widget.OptGroup(
            instrument,
            (instrument, place(request, instrument, "")),
            *(
                (f"{instrument}:{article}", place(request, instrument, article))
                for article in articles_of(written.phase, instrument)
            ),
        )
        for instrument in written.instruments
    ]
    return deform.widget.SelectWidget(values=groups)


@colander.deferred
def _kind_widget(node, kw):
    translate = kw["request"].translate
    return deform.widget.SelectWidget(
        values=[(k, translate(KIND_LABELS[k])) for k in KINDS]
    )


def _text_node(title):
    # Length and emptiness are the act's to check (versioned.checked_text),
    # so the form and the acts refuse alike.
    return colander.SchemaNode(
        colander.String(),
        title=title,
        missing="",
        widget=deform.widget.TextAreaWidget(rows=8),
    )


class ItemSchema(CSRFSchema):
    place = colander.SchemaNode(
        colander.String(),
        title=_("Instrument and article"),
        missing="",
        widget=_place_widget,
    )
    kind = colander.SchemaNode(
        colander.String(),
        title=_("What the item is (¶35)"),
        missing="",
        widget=_kind_widget,
    )
    text = _text_node(_("Text"))


class TextSchema(CSRFSchema):
    revision = colander.SchemaNode(
        colander.Integer(), widget=deform.widget.HiddenWidget()
    )
    text = _text_node(_("Text"))


def _back(request, written: WrittenFeedback, item):
    return HTTPSeeOther(
        location=request.resource_url(written, anchor=f"item-{item.number}")
    )


@view_config(
    context=WrittenFeedback,
    name="add",
    renderer=FORM_PAGE,
    permission=P.EDIT,
    request_method=FORM_METHODS,
)
class AddItemView(FormView):
    schema = ItemSchema
    formid = "new-item"
    failure_status = 400
    buttons = (deform.Button("add", _("Add the item")),)

    def values(self):
        values = common(self.request, self.context)
        return {
            **values,
            "page_title": self.request.translate(
                _(
                    "New item of the written feedback of ${reviewer}",
                    mapping={"reviewer": values["reviewer_name"]},
                )
            ),
            "item": None,
            "saved": None,
            "conflict": None,
        }

    def add_success(self, appstruct):
        instrument, _sep, article = appstruct["place"].partition(":")
        try:
            item = add_item(
                self.context,
                instrument,
                article,
                appstruct["kind"],
                appstruct["text"],
                self.request.identity.login,
            )
        except ActionRefused as refusal:
            # The form chooses instrument and article in one field.
            field = "place" if refusal.field in ("instrument", "article") else None
            raise ActionRefused(refusal.message, field or refusal.field) from None
        flash(self.request, _("Item ${number} added.", mapping={"number": item.number}))
        return _back(self.request, self.context, item)


class VersionedTextForm(FormView):
    """A form saving one versioned text (``versioned()``) of ``self.item``."""

    schema = TextSchema
    failure_status = 400

    def __init__(self, context, request) -> None:
        super().__init__(context, request)
        self.item = self.find_item()
        self.conflict = None

    def find_item(self):
        raise NotImplementedError

    def heading(self):
        raise NotImplementedError

    def versioned(self):
        return self.item

    def appstruct(self):
        text = self.versioned()
        return {"revision": text.revision, "text": text.text}

    def values(self):
        return {
            **common(self.request, self.context),
            "page_title": self.request.translate(self.heading()),
            "item": self.item,
            "saved": self.versioned().current,
            "conflict": self.conflict,
        }

    def _number(self) -> dict:
        return {"number": self.item.number}

    def conflicted(self, appstruct, current):
        """The form again, over the revision saved meanwhile, with the
        writer's own text kept and the other text shown beside it."""
        self.request.response.status = 409
        self.conflict = current
        return self.page(self.form.render({**appstruct, "revision": current.number}))


@view_config(
    context=WrittenFeedback,
    name="edit",
    renderer=FORM_PAGE,
    permission=P.EDIT,
    request_method=FORM_METHODS,
)
class EditItemView(VersionedTextForm):
    formid = "edit"
    buttons = (
        deform.Button("save", _("Save")),
        deform.Button("withdraw", _("Withdraw the item")),
    )

    def find_item(self):
        item = visible_item(self.request, self.context)
        if item.withdrawn:
            raise HTTPNotFound()
        return item

    def heading(self):
        return _("Edit item ${number}", mapping=self._number())

    def save_success(self, appstruct):
        try:
            revise_item(
                self.context,
                self.item.number,
                appstruct["text"],
                self.request.identity.login,
                appstruct["revision"],
            )
        except Stale as stale:
            return self.conflicted(appstruct, stale.current)
        except KeyError:
            raise self._withdrawn() from None
        flash(self.request, _("Item ${number} saved.", mapping=self._number()))
        return _back(self.request, self.context, self.item)

    def withdraw_success(self, appstruct):
        try:
            withdraw_item(self.context, self.item.number, appstruct["revision"])
        except Stale as stale:
            return self.conflicted(appstruct, stale.current)
        except KeyError:
            raise self._withdrawn() from None
        flash(
            self.request,
            _("Item ${number} withdrawn: it is kept, marked.", mapping=self._number()),
        )
        return _back(self.request, self.context, self.item)

    @staticmethod
    def _withdrawn() -> ActionRefused:
        return ActionRefused(
            _(
                "Someone withdrew this item meanwhile; copy your text into a "
                "new item if it is still needed."
            )
        )


@view_config(
    context=WrittenFeedback,
    name="answer",
    renderer=FORM_PAGE,
    permission=P.REPLY,
    request_method=FORM_METHODS,
)
class AnswerView(VersionedTextForm):
    """The State under review answers a request in place (¶35)."""

    formid = "answer"
    buttons = (deform.Button("save", _("Save the answer")),)

    def find_item(self):
        item = visible_item(self.request, self.context)
        if self.context.status != RELEASED or not item.is_request:
            raise HTTPNotFound()
        return item

    def heading(self):
        return _("Answer to item ${number}", mapping=self._number())

    def versioned(self):
        return self.item.reply

    def save_success(self, appstruct):
        try:
            answer(
                self.context,
                self.item.number,
                appstruct["text"],
                self.request.identity.login,
                appstruct["revision"],
            )
        except Stale as stale:
            return self.conflicted(appstruct, stale.current)
        # A whole dialogue made public (¶41) shows the answers too.
        publish.refresh_feedback(self.request, self.context.phase.dialogue)
        flash(self.request, _("Answer saved."))
        return _back(self.request, self.context, self.item)
