"""``default`` 4 → 5 and ``demo`` 3 → 4: the questionnaire module arrives.

Why: version 5 of the add-on asks real questions (``questionnaires.toml``
format 2: closed answers and follow-ups) and keeps each phase's responses
at ``phase-N/responses`` (``PhaseReview`` schema 2), with a catalog for
search and legislation back-links; the Secretariat's guidance pages live at
``/review/guidance`` (¶20) and what States publish at
``/knowledge/responses`` (¶41).  Phases opened before get their
self-assessments, asked with the current questionnaires.  The demo's
version 4 adds responses in draft and submitted.
"""

from __future__ import annotations

from ..guidance.setup import ensure_guidance
from ..mechanism.resources import MECHANISM_NAME
from ..questionnaires.importer import import_questionnaires
from ..responses import demo, setup
from ..responses.publish import ensure_published_folder


def upgrade_default(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is None:
        return
    import_questionnaires(review, context)
    setup.install(review, context.changed)
    ensure_guidance(review, context.changed)
    ensure_published_folder(context.root, context.changed)


def upgrade_demo(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    if review is not None:
        demo.install_demo(
            review, context.changed, context.registry.sherloc_clock.today()
        )
