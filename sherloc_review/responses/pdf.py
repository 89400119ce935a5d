"""The questionnaire as a PDF to read offline (blank or answered).

The document is first described as a list of :class:`Block` (what to say,
in which style), then drawn with fpdf2; tests read the blocks, and the
drawing never decides content.

Scripts: DejaVu Sans covers Latin, Cyrillic and Arabic, shaped by HarfBuzz
(fpdf2's text shaping: joined Arabic letters, right-to-left runs; a
paragraph whose first letter is right-to-left is aligned right).  Chinese
and Japanese come from a CJK font used where DejaVu has no glyph (fpdf2's
fallback fonts; a ``.ttc`` collection is read by face index).  A server
without the CJK font still produces the PDF: characters no font covers are
left out, and the first page says so and points to the workbook, which
carries every text in full.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..i18n import _
from ..questionnaires.resources import CLOSED_LABELS
from .form import REUSE_SOURCES
from .pages import follow_ups_shown
from .resources import DRAFT, AnswerValue, SelfAssessment

_TRUETYPE = Path("/usr/share/fonts/truetype")


@dataclass(frozen=True)
class Fonts:
    """Font files: a regular and a bold face, and an optional CJK font."""

    regular: Path = _TRUETYPE / "dejavu" / "DejaVuSans.ttf"
    bold: Path = _TRUETYPE / "dejavu" / "DejaVuSans-Bold.ttf"
    cjk: Path | None = _TRUETYPE / "wqy" / "wqy-microhei.ttc"


FONTS = Fonts()


class FontsMissing(Exception):
    """The server lacks the font files every PDF needs (DejaVu Sans)."""


@dataclass(frozen=True)
class ExportMeta:
    """What the PDF says besides the questions and answers.

    ``translate`` turns translation strings into the reader's language
    (``request.translate``); ``title`` is the questionnaire's title;
    ``blank`` asks for the questions only, every follow-up with the answers
    it is asked for; ``showing_submitted`` says the values are the last
    submission; ``confidential`` puts the banner on every page.
    """

    translate: Callable[[Any], str]
    state_name: str
    title: str
    generated: datetime.datetime
    blank: bool = False
    showing_submitted: bool = False
    confidential: bool = True
    language: str = "en"
    fonts: Fonts = field(default_factory=Fonts)


@dataclass(frozen=True)
class Block:
    #: title, fact, note, heading, question, guidance, label, text, missing, gap
    style: str
    text: str = ""


_STYLES = {
    # style: (bold, size, grey, space before)
    "title": (True, 16, False, 0),
    "fact": (False, 10, False, 0),
    "note": (True, 10, False, 3),
    "heading": (True, 12, False, 6),
    "question": (True, 10.5, False, 1),
    "guidance": (False, 9, True, 1),
    "label": (True, 9.5, False, 2),
    "text": (False, 10, False, 0),
    "missing": (False, 10, True, 0),
    "gap": (False, 10, False, 0),
}
#: Characters drawn whether or not a font has them.
_LAYOUT = {"\n", "\t", " "}


def render_pdf(
    assessment: SelfAssessment, values: dict[str, AnswerValue], meta: ExportMeta
) -> bytes:
    """The PDF bytes of ``assessment``'s questions with ``values``.

    ``values``: the answers the reader may see, by question id (ignored
    when ``meta.blank``).
    """
    lost_note = _(
        "Some text is in a script this server has no font for "
        "(${count} different characters): it is left out of this "
        "PDF. Download the questionnaire as a workbook to read "
        "every text in full."
    )
    return draw(list(blocks_of(assessment, values, meta)), meta, lost_note)


def draw(blocks: list[Block], meta: ExportMeta, lost_note) -> bytes:
    """Any document described as ``blocks`` (its first one the title), as
    PDF bytes; ``lost_note`` (a translation string taking ``${count}``) is
    said after the title when some characters have no font here.

    Raises :class:`FontsMissing` when the server lacks DejaVu Sans.
    """
    missing = [p for p in (meta.fonts.regular, meta.fonts.bold) if not p.is_file()]
    if missing:
        raise FontsMissing(", ".join(map(str, missing)))
    pdf = _QuestionnairePDF(meta)
    covered = pdf.covered() | _LAYOUT
    dropped = {ch for block in blocks for ch in block.text if ch not in covered}
    # Control and invisible formatting characters (a stray vertical tab, an
    # Arabic letter mark) are dropped without a word: they show nothing.
    lost = {ch for ch in dropped if unicodedata.category(ch) not in ("Cc", "Cf")}
    if lost:
        note = _(lost_note, mapping={"count": len(lost)})
        blocks = [blocks[0], Block("note", meta.translate(note)), *blocks[1:]]
    pdf.add_page()
    for block in blocks:
        pdf.block(block, "".join(ch for ch in block.text if ch not in dropped))
    return bytes(pdf.output())


def blocks_of(
    assessment: SelfAssessment, values: dict[str, AnswerValue], meta: ExportMeta
) -> Iterable[Block]:
    """What the PDF says, in order."""
    t = meta.translate
    yield Block("title", meta.title)
    if meta.confidential:
        yield Block(
            "note",
            t(
                _(
                    "Confidential: the responses of a State under review, for "
                    "those the rules allow to read them (¶21, ¶40). Do not "
                    "forward."
                )
            ),
        )
    yield from _facts(assessment, meta)
    closed_labels = {k: t(v) for k, v in CLOSED_LABELS.items()}
    for question in assessment.questions:
        yield Block(
            "heading",
            t(
                _(
                    "Article ${article} (${question})",
                    mapping={"article": question.article, "question": question.id},
                )
            ),
        )
        yield Block("question", question.text)
        if question.guidance:
            yield Block(
                "guidance",
                t(_("Guidance: ${guidance}", mapping={"guidance": question.guidance})),
            )
        if meta.blank:
            yield from _blank(question, closed_labels, t)
        else:
            value = values.get(question.id) or AnswerValue()
            yield from _answered(assessment, question, value, closed_labels, t)


def _facts(assessment, meta) -> Iterable[Block]:
    t = meta.translate
    submitted = assessment.submitted
    if meta.blank:
        status = t(_("Blank questionnaire, to answer offline"))
    elif submitted is not None and (
        meta.showing_submitted or assessment.status != DRAFT
    ):
        status = t(_("Submitted responses of ${on}", mapping={"on": submitted.on}))
    else:
        status = t(_("Working answers (draft), not yet submitted"))
    mapping = {
        "state": meta.state_name,
        "iso3": assessment.iso3,
        "phase": assessment.phase.number,
        "instrument": assessment.instrument,
        "version": assessment.questionnaire_version,
        "status": status,
        "when": meta.generated.strftime("%Y-%m-%d %H:%M UTC"),
    }
    for fact in (
        _("State: ${state} (${iso3})", mapping=mapping),
        _("Phase: ${phase}", mapping=mapping),
        _("Instrument: ${instrument}", mapping=mapping),
        _("Questionnaire version: ${version}", mapping=mapping),
        _("Status: ${status}", mapping=mapping),
        _("Generated on ${when}", mapping=mapping),
    ):
        yield Block("fact", t(fact))


def _blank(question, closed_labels, t) -> Iterable[Block]:
    yield Block("label", t(_("Answer")))
    yield Block("text", "   ".join(f"☐ {label}" for label in closed_labels.values()))
    for follow_up in question.follow_ups:
        when = " / ".join(closed_labels[a] for a in follow_up.when)
        yield Block("label", follow_up.text)
        yield Block(
            "guidance",
            t(_("Asked when the answer is: ${answers}", mapping={"answers": when})),
        )
        yield Block("gap")
    yield Block("label", t(_("Further information")))
    yield Block("gap")
    yield Block("label", t(_("Legislation records cited")))
    yield Block("gap")


def _answered(assessment, question, value, closed_labels, t) -> Iterable[Block]:
    yield Block("label", t(_("Answer")))
    if value.closed:
        yield Block("text", closed_labels.get(value.closed, value.closed))
    else:
        yield Block("missing", t(_("Not answered yet.")))
    for follow_up in follow_ups_shown(question, value):
        yield Block("label", follow_up.text)
        answer = value.follow_up(follow_up.id)
        if answer:
            yield Block("text", answer)
        else:
            yield Block("missing", t(_("No answer.")))
    if value.text:
        yield Block("label", t(_("Further information")))
        yield Block("text", value.text)
    if value.legislation:
        yield Block("label", t(_("Legislation records cited")))
        yield Block("text", " ".join(value.legislation))
    names = [
        assessment.attachments[a].filename
        for a in value.attachments
        if a in assessment.attachments
    ]
    if names:
        yield Block("label", t(_("Attachments")))
        yield Block("text", "\n".join(names))
    if value.reuse is not None:
        reuse = value.reuse
        source = REUSE_SOURCES.get(reuse.source)
        yield Block("label", t(_("This answer reuses (¶22)")))
        yield Block(
            "text",
            " — ".join(p for p in (t(source) if source else "", reuse.reference) if p),
        )
        if reuse.update:
            yield Block("label", t(_("Update since that submission (¶22)")))
            yield Block("text", reuse.update)
        else:
            yield Block(
                "missing", t(_("The update since that submission is not stated yet."))
            )


def _right_to_left(text: str) -> bool:
    """Whether the first letter with a direction reads right to left."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


class _QuestionnairePDF(FPDF):
    def __init__(self, meta: ExportMeta) -> None:
        super().__init__(format="A4")
        self.meta = meta
        fonts = meta.fonts
        self.add_font("sans", "", str(fonts.regular))
        self.add_font("sans", "B", str(fonts.bold))
        self.has_cjk = fonts.cjk is not None and Path(fonts.cjk).is_file()
        if self.has_cjk:
            # The collection has no bold face: the regular one serves both,
            # so bold text finds its fallback too.
            self.add_font("cjk", "", str(fonts.cjk))
            self.add_font("cjk", "B", str(fonts.cjk))
            self.set_fallback_fonts(["cjk"])
        self.set_text_shaping(True)
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_title(meta.title)
        self.set_lang(meta.language)
        self.set_creator("SHERLOC Review")

    def covered(self) -> set[int | str]:
        """The characters some font draws (bold and regular alike)."""
        found = set(self.fonts["sans"].cmap) & set(self.fonts["sansB"].cmap)
        if self.has_cjk:
            found |= set(self.fonts["cjk"].cmap)
        return {chr(c) for c in found}

    def header(self) -> None:
        self.set_font("sans", "B", 8)
        self.set_text_color(170, 0, 0)
        if self.meta.confidential:
            self.cell(
                0,
                5,
                self.meta.translate(_("CONFIDENTIAL")),
                align="C",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        self.set_text_color(0)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("sans", "", 8)
        self.set_text_color(90)
        self.cell(
            0,
            5,
            self.meta.translate(
                _(
                    "Page ${page} of ${pages}",
                    mapping={"page": self.page_no(), "pages": self.str_alias_nb_pages},
                )
            ),
            align="C",
        )
        self.set_text_color(0)

    def block(self, block: Block, text: str) -> None:
        bold, size, grey, before = _STYLES[block.style]
        if block.style == "gap":
            self.ln(14)
            return
        if before:
            self.ln(before)
        self.set_font("sans", "B" if bold else "", size)
        self.set_text_color(100 if grey else 0)
        self.multi_cell(
            0,
            size * 0.5,
            text,
            align="R" if _right_to_left(text) else "L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0)
