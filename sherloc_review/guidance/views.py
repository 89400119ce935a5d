"""Guidance pages: the index, a page, and the Secretariat's add and edit forms."""

from __future__ import annotations

from typing import Any

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, FormView
from sherloc_portal.i18n import LANGUAGE_NAMES
from sherloc_portal.settings import LANGUAGES

from ..i18n import _
from ..labels import stamp
from .permissions import GuidancePermission as P
from .resources import Guidance, GuidanceChanged, GuidancePage
from .schemas import GuidanceEditSchema, GuidanceSchema

READ = {"request_method": ("GET", "HEAD")}
FORM = {
    "renderer": "sherloc_review:templates/guidance/form.pt",
    "request_method": ("GET", "HEAD", "POST"),
}


def _languages_first(request) -> list[str]:
    """The six languages, the reader's own first."""
    own = request.locale_name
    return sorted(LANGUAGES, key=lambda code: code != own)


@view_config(
    context=Guidance,
    renderer="sherloc_review:templates/guidance/index.pt",
    permission=P.VIEW,
    **READ,
)
def guidance_index(context: Guidance, request) -> dict[str, Any]:
    """Every page, by language (the reader's first), then by title."""
    by_language: dict[str, list[GuidancePage]] = {}
    for page in context.values():
        by_language.setdefault(page.language, []).append(page)
    groups = [
        (code, sorted(by_language[code], key=lambda p: p.title.casefold()))
        for code in _languages_first(request)
        if code in by_language
    ]
    return {
        "page_title": request.translate(_("Guidance and e-training")),
        "groups": groups,
        "language_names": LANGUAGE_NAMES,
        "can_edit": request.has_permission(P.EDIT, context),
    }


@view_config(
    context=GuidancePage,
    renderer="sherloc_review:templates/guidance/page.pt",
    permission=P.VIEW,
    **READ,
)
def guidance_page(context: GuidancePage, request) -> dict[str, Any]:
    return {
        "page_title": context.title,
        "page": context,
        "language_name": LANGUAGE_NAMES.get(context.language, context.language),
        "direction": "rtl" if context.language == "ar" else "ltr",
        "updated": stamp(context.updated_at),
        "can_edit": request.has_permission(P.EDIT, context),
    }


@view_config(context=Guidance, name="add", permission=P.EDIT, **FORM)
class AddGuidancePage(FormView):
    schema = GuidanceSchema
    formid = "guidance-add"
    failure_status = 400
    buttons = (deform.Button("save", _("Add the page")),)
    title = _("Add a guidance page")

    def save_success(self, appstruct: dict) -> HTTPSeeOther:
        page = GuidancePage(
            appstruct["title"],
            appstruct["body"],
            appstruct["language"],
            self.request.identity.login,
        )
        self.context.add_page(page)
        flash(self.request, _("The page was added."))
        return HTTPSeeOther(location=self.request.resource_url(page))


@view_config(context=GuidancePage, name="edit", permission=P.EDIT, **FORM)
class EditGuidancePage(FormView):
    """Edit a page; an edit based on an older revision is refused (409).

    The editor's text stays in the form and the version saved meanwhile is
    shown below it; saving again (now from the current revision) replaces
    it knowingly.
    """

    schema = GuidanceEditSchema
    formid = "guidance-edit"
    failure_status = 400
    buttons = (deform.Button("save", _("Save changes")),)
    current = None

    def values(self) -> dict[str, Any]:
        return {
            "page_title": self.request.translate(
                _("Edit ${title}", mapping={"title": self.context.title})
            ),
            "current": self.current,
            "language_names": LANGUAGE_NAMES,
        }

    def appstruct(self) -> dict[str, Any]:
        page: GuidancePage = self.context
        return {
            "title": page.title,
            "language": page.language,
            "body": page.body,
            "revision": page.revision,
        }

    def save_success(self, appstruct: dict) -> HTTPSeeOther:
        page: GuidancePage = self.context
        try:
            page.revise(
                appstruct["title"],
                appstruct["body"],
                appstruct["language"],
                self.request.identity.login,
                appstruct["revision"],
            )
        except GuidanceChanged:
            self.request.response.status = 409
            self.current = page
            self.form["revision"].cstruct = str(page.revision)
            raise ActionRefused(
                _(
                    "Someone else saved this page while you were editing it. "
                    "Your text is kept in the form; their version is shown "
                    "below it. Save again to replace theirs with yours."
                )
            ) from None
        flash(self.request, _("The page was saved."))
        return HTTPSeeOther(location=self.request.resource_url(page))
