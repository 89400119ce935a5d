"""The answer form's schema, built from the question it answers."""

from __future__ import annotations

import colander
import deform

from sherloc_portal.forms import CSRFSchema

from ..i18n import _
from ..questionnaires.resources import CLOSED_ANSWERS, CLOSED_LABELS
from .answers import MAX_TEXT
from .resources import AnswerValue, Reuse

REUSE_SOURCES = {
    "earlier": _("An answer of an earlier phase"),
    "uncac": _("Material submitted to the UNCAC review mechanism (¶22)"),
}


def _text(title, description=""):
    return colander.SchemaNode(
        colander.String(),
        title=title,
        description=description,
        missing="",
        validator=colander.Length(max=MAX_TEXT),
        widget=deform.widget.TextAreaWidget(rows=4),
    )


def answer_schema(question, attachments, translate) -> CSRFSchema:
    """``attachments``: ``(id, filename)`` of the files the answer cites."""
    schema = CSRFSchema()
    schema.add(
        colander.SchemaNode(
            colander.Integer(), name="revision", widget=deform.widget.HiddenWidget()
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="closed",
            title=question.text,
            description=question.guidance,
            missing="",
            validator=colander.OneOf(CLOSED_ANSWERS),
            widget=deform.widget.RadioChoiceWidget(
                values=[(a, translate(CLOSED_LABELS[a])) for a in CLOSED_ANSWERS],
                inline=True,
            ),
        )
    )
    for follow_up in question.follow_ups:
        node = _text(
            follow_up.text,
            translate(
                _(
                    "Asked when the answer is: ${answers}",
                    mapping={
                        "answers": " / ".join(
                            translate(CLOSED_LABELS[a]) for a in follow_up.when
                        )
                    },
                )
            ),
        )
        node.name = f"fu_{follow_up.id}"
        schema.add(node)
    text = _text(_("Further information"))
    text.name = "text"
    schema.add(text)
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="legislation",
            title=_("Legislation records cited"),
            description=_(
                "Identifiers of records of the knowledge base, separated by spaces "
                "(each record's page shows its identifier)."
            ),
            missing="",
            validator=colander.Length(max=2000),
        )
    )
    if attachments:
        schema.add(
            colander.SchemaNode(
                colander.Set(),
                name="attachments",
                title=_("Attachments kept with this answer"),
                missing=(),
                widget=deform.widget.CheckboxChoiceWidget(values=list(attachments)),
            )
        )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="reuse_source",
            title=_("This answer reuses (¶22)"),
            missing="",
            validator=colander.OneOf(list(REUSE_SOURCES)),
            widget=deform.widget.SelectWidget(
                values=[("", translate(_("Nothing reused")))]
                + [(k, translate(v)) for k, v in REUSE_SOURCES.items()]
            ),
        )
    )
    for name, title in (
        ("reuse_reference", _("Reference of the material reused")),
        ("reuse_update", _("Update since that submission (¶22)")),
    ):
        node = _text(title)
        node.name = name
        schema.add(node)
    return schema


def to_appstruct(value: AnswerValue, revision: int) -> dict:
    found = {
        "revision": revision,
        "closed": value.closed,
        "text": value.text,
        "legislation": " ".join(value.legislation),
        "attachments": set(value.attachments),
        "reuse_source": value.reuse.source if value.reuse else "",
        "reuse_reference": value.reuse.reference if value.reuse else "",
        "reuse_update": value.reuse.update if value.reuse else "",
    }
    for name, text in value.follow_ups:
        found[f"fu_{name}"] = text
    return found


def from_appstruct(question, appstruct: dict, kept_attachments=()) -> AnswerValue:
    reuse = None
    if appstruct["reuse_source"]:
        reuse = Reuse(
            appstruct["reuse_source"],
            appstruct["reuse_reference"].strip(),
            appstruct["reuse_update"].strip(),
        )
    kept = appstruct.get("attachments", ())
    return AnswerValue(
        closed=appstruct["closed"],
        follow_ups=tuple(
            (f.id, appstruct[f"fu_{f.id}"].strip())
            for f in question.follow_ups
            if appstruct[f"fu_{f.id}"].strip()
        ),
        text=appstruct["text"].strip(),
        legislation=tuple(dict.fromkeys(appstruct["legislation"].split())),
        attachments=tuple(a for a in kept_attachments if a in kept),
        reuse=reuse,
    )
