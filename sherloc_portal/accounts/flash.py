"""The message shown on the next page after an action ("The invitation was sent").

The session lives in a signed cookie, which browsers cap at 4 KB; pyramid
refuses to write a longer one, and that refusal comes *after* the request's
transaction has committed (the change made, the mail queued) and turns the
answer into a server error.  Messages not shown yet pile up whenever a
client does not follow the redirect (a script, a double submission), so
only the newest is kept: it says what the last action did.
"""

from __future__ import annotations

from pyramid.i18n import TranslationString


def flash(request, message: TranslationString) -> None:
    """Translate ``message`` and queue it for the next page, alone."""
    session = request.session
    session.pop_flash()
    session.flash(request.translate(message))
