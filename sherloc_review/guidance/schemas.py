"""The add and edit forms of a guidance page."""

from __future__ import annotations

import colander
import deform

from sherloc_portal.forms import CSRFSchema
from sherloc_portal.i18n import LANGUAGE_NAMES
from sherloc_portal.settings import LANGUAGES

from ..i18n import _

#: The longest body a page takes (characters): a page, not a manual.
MAX_BODY = 50_000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


@colander.deferred
def _reader_language(node, kw):
    language = kw["request"].locale_name
    return language if language in LANGUAGES else "en"


class GuidanceSchema(CSRFSchema):
    title = colander.SchemaNode(
        colander.String(),
        title=_("Title"),
        preparer=_strip,
        validator=colander.Length(
            min=3,
            max=200,
            min_err=_("Give a title of at least 3 characters."),
            max_err=_("At most 200 characters."),
        ),
    )
    language = colander.SchemaNode(
        colander.String(),
        title=_("Language of the page"),
        validator=colander.OneOf(
            LANGUAGES, msg_err=_("Choose one of the six languages.")
        ),
        widget=deform.widget.SelectWidget(
            values=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
        ),
        default=_reader_language,
    )
    body = colander.SchemaNode(
        colander.String(),
        title=_("Text"),
        description=_(
            "Plain text: separate paragraphs with an empty line. Markup is shown "
            "as typed, never run."
        ),
        preparer=_strip,
        widget=deform.widget.TextAreaWidget(rows=16),
        validator=colander.Length(
            max=MAX_BODY,
            max_err=_("At most ${max} characters: split the text into several pages."),
        ),
    )


class GuidanceEditSchema(GuidanceSchema):
    """The edit form: the fields and the revision the editor started from."""

    revision = colander.SchemaNode(
        colander.Integer(), widget=deform.widget.HiddenWidget()
    )
