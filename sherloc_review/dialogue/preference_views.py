"""``/review/notifications``: how one hears of new messages in the dialogue.

Any State official (observers too: they read the dialogue, so they are
told of it) or Secretariat member chooses a mail per message, one mail a
day, or none (:mod:`.notify`, :mod:`.digest`).  The choice is the user's
own and only its own: it is stored under its login, never anyone else's.
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import CSRFSchema, FormView

from ..cycle.permissions import CyclePermission
from ..cycle.resources import CYCLE_NAME
from ..i18n import _
from ..mechanism.resources import ReviewMechanism
from ..permissions import ReviewPermission
from .notify import CHOICES, DIGEST, EACH, NONE, PREFERENCES_VIEW, choice_of
from .setup import preferences_of

CHOICE_LABELS = {
    EACH: _("A mail for each new message"),
    DIGEST: _("One mail a day listing the threads with unread messages"),
    NONE: _("No mail: I read the dialogue on the platform"),
}


@colander.deferred
def _choices_widget(node, kw):
    translate = kw["request"].translate
    return deform.widget.RadioChoiceWidget(
        values=[(c, translate(CHOICE_LABELS[c])) for c in CHOICES]
    )


class PreferencesSchema(CSRFSchema):
    choice = colander.SchemaNode(
        colander.String(),
        title=_("Tell me of new messages in the dialogue of my reviews by"),
        validator=colander.OneOf(CHOICES),
        widget=_choices_widget,
    )


@view_config(
    context=ReviewMechanism,
    name=PREFERENCES_VIEW,
    renderer="sherloc_review:templates/dialogue/preferences.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    request_method=("GET", "HEAD", "POST"),
)
class PreferencesView(FormView):
    """Choose ``each``, ``digest`` or ``none``."""

    schema = PreferencesSchema
    formid = "notifications"
    failure_status = 400
    buttons = (deform.Button("save", _("Save")),)
    title = _("E-mail notices of the dialogue")
    intro = _(
        "When a message is posted in a thread you may read, in a review in "
        "which you take part, the platform can tell you by e-mail. The mail "
        "names the review and the thread's number, with a link; it never "
        "carries the title, the text or the files, which you read once "
        "logged in."
    )

    def __call__(self):
        # Of those who read the mechanism, only the officials of States and
        # the Secretariat take part in reviews: the same people as have a
        # dashboard of their own.
        cycle = self.context.get(CYCLE_NAME)
        if cycle is None or not self.request.has_permission(CyclePermission.OWN, cycle):
            raise HTTPForbidden()
        return super().__call__()

    def appstruct(self) -> dict:
        preferences = preferences_of(self.context)
        return {"choice": choice_of(preferences, self.request.identity.user)}

    def save_success(self, appstruct: dict) -> HTTPSeeOther:
        preferences = preferences_of(self.context)
        login = self.request.identity.login
        if preferences.choices.get(login) != appstruct["choice"]:
            preferences.choices[login] = appstruct["choice"]
        flash(self.request, _("Your choice is saved."))
        return HTTPSeeOther(
            location=self.request.resource_url(self.context, PREFERENCES_VIEW)
        )
