"""``FormView``: one deform form per view, buttons mapped to methods.

A subclass names its ``schema`` (a :class:`~.schema.CSRFSchema` subclass),
its ``buttons`` and a stable ``formid``, and implements
``<button>_success(appstruct)``; optionally ``<button>_failure(error)``.
``__call__`` returns the dict its template renders (``form`` is the HTML)
or whatever a success method returns (usually a redirect).

An :class:`~.errors.ActionRefused` raised by a success method is shown as an
error on the form or on the named field: business errors never become
tracebacks.  A view setting ``failure_status = 400`` answers that status
when it sends the form back with errors (unless the success method set
another, e.g. 403); the account pages keep answering 200.  Field ids are
``<formid>-<field name>`` so pages, tests and stylesheets can rely on them;
a field in error carries ``aria-invalid`` and ``aria-describedby`` pointing
at its message.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

import colander
import deform

from .errors import ActionRefused
from .renderer import form_renderer


class FormView:
    schema: ClassVar[type[colander.Schema]]
    formid: ClassVar[str]
    buttons: ClassVar[tuple[deform.Button, ...]] = ()
    failure_status: ClassVar[int | None] = None
    #: Translation strings of the page's heading and introduction, shown by
    #: the default :meth:`values` (a view needing more overrides it).
    title: ClassVar[Any] = ""
    intro: ClassVar[Any] = ""

    def __init__(self, context, request) -> None:
        self.context = context
        self.request = request

    # -- hooks a subclass may override ------------------------------------

    def bind(self) -> dict[str, Any]:
        """Values the schema's deferred nodes are bound with."""
        return {"request": self.request, "context": self.context}

    def appstruct(self) -> dict[str, Any] | None:
        """Initial values of a form shown for the first time."""
        return None

    def values(self) -> dict[str, Any]:
        """Extra values for the page template: by default the translated
        ``title`` (as ``page_title``) and ``intro``, when set."""
        translate = self.request.translate
        found = {}
        if self.title:
            found["page_title"] = translate(self.title)
        if self.intro:
            found["intro"] = translate(self.intro)
        return found

    # -- machinery --------------------------------------------------------

    def make_form(self) -> deform.Form:
        schema = self.schema().bind(**self.bind())
        form = deform.Form(
            schema,
            buttons=self.buttons,
            formid=self.formid,
            renderer=form_renderer(self.request),
            action=self.request.path_qs,
        )
        for field in _walk(form):
            field.oid = f"{self.formid}-{field.name}"
        return form

    def __call__(self):
        form = self.form = self.make_form()
        if self.request.method == "POST":
            button = self._pressed(form)
            try:
                appstruct = form.validate(self.request.POST.items())
            except deform.ValidationFailure as failure:
                handler = getattr(self, f"{button}_failure", None)
                if handler is not None:
                    return handler(failure)
                self._refused()
                return self.show(failure)
            try:
                return getattr(self, f"{button}_success")(appstruct)
            except ActionRefused as refusal:
                self._refused()
                return self.show(refuse(form, refusal))
        return self.page(form.render(self.appstruct() or colander.null))

    def _refused(self) -> None:
        if self.failure_status and self.request.response.status_int < 400:
            self.request.response.status = self.failure_status

    def show(self, failure: deform.ValidationFailure) -> dict[str, Any]:
        """The page with the form re-displayed and its errors marked."""
        failure.field.widget.handle_error(failure.field, failure.error)
        for field in _walk(failure.field):
            if field.error is not None and not field.widget.hidden:
                _describe_error(field)
        return self.page(failure.render())

    def page(self, html: str) -> dict[str, Any]:
        return {"form": html, **self.values()}

    def _pressed(self, form: deform.Form) -> str:
        """The button pressed; the first one when a form is sent with Enter."""
        for button in form.buttons:
            if button.name in self.request.POST:
                return button.name
        return form.buttons[0].name


def refuse(form: deform.Form, refusal: ActionRefused) -> deform.ValidationFailure:
    """A validation failure carrying a business refusal for ``form``."""
    error = colander.Invalid(form.schema, refusal.message)
    if refusal.field is not None:
        error = colander.Invalid(form.schema)
        node = form.schema[refusal.field]
        error.add(
            colander.Invalid(node, refusal.message),
            form.schema.children.index(node),
        )
    return deform.ValidationFailure(form, form.cstruct, error)


def _walk(field):
    for child in field.children:
        yield child
        yield from _walk(child)


def _describe_error(field) -> None:
    """Tie a field to its error message for assistive technology.

    The widget may be shared between requests (schema classes share it), so
    the field gets a copy before its attributes change.
    """
    widget = copy.copy(field.widget)
    widget.attributes = {
        **(getattr(widget, "attributes", None) or {}),
        "aria-invalid": "true",
        "aria-describedby": f"error-{field.oid}",
    }
    field.widget = widget
