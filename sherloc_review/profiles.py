"""The add-on's install profiles: ``default``, ``demo`` and ``uninstall``.

Each handler is a short list of idempotent importers reading the profile's
files (``profiles/<name>/``), so re-installing a corrected file updates the
portal.  The officials index (``sherloc_review.officials``) is set up and
removed here too.
"""

from __future__ import annotations

from sherloc_portal.resources.root import PortalRoot

from .i18n import _
from .instruments.importer import import_clusters, import_instruments
from .mechanism.resources import MECHANISM_NAME, ReviewMechanism
from .questionnaires.importer import import_questionnaires
from .states.importer import import_states
from .workplan.importer import import_workplan


def mechanism(root: PortalRoot, context) -> ReviewMechanism:
    found = root.get(MECHANISM_NAME)
    if found is None:
        found = root.add(MECHANISM_NAME, ReviewMechanism())
        context.changed("created the review mechanism")
    return found


def install_default(context) -> None:
    """Reference data: States, instruments, clusters, workplan, questionnaires.

    Also the (empty) folders of the drawing of lots, the reviews, the review
    cycle, the guidance pages and the published responses.
    """
    from .cycle import setup as cycle_setup
    from .dialogue import setup as dialogue_setup
    from .dialogue.publish import dialogues_folder
    from .draws import setup as draws_setup
    from .experience import setup as experience_setup
    from .guidance.setup import ensure_guidance
    from .officials import setup as officials_setup
    from .outcomes import setup as outcomes_setup
    from .reports import setup as reports_setup
    from .responses import setup as responses_setup
    from .responses.publish import ensure_published_folder
    from .stakeholders.setup import ensure_dialogues

    review = mechanism(context.root, context)
    import_states(review, context)
    import_instruments(review, context)
    import_clusters(review, context)
    import_workplan(review, context)
    import_questionnaires(review, context)
    officials_setup.install(review, context.changed)
    draws_setup.install(review, context.changed)
    cycle_setup.install(review, context.changed)
    responses_setup.install(review, context.changed)
    dialogue_setup.install(review, context.changed)
    outcomes_setup.install(review, context.changed)
    reports_setup.install(review, context.changed)
    experience_setup.install(review, context.changed)
    ensure_dialogues(review, context.changed)
    ensure_guidance(review, context.changed)
    ensure_published_folder(context.root, context.changed)
    dialogues_folder(context.root, context.changed)


def install_demo(context) -> None:
    """Demo accounts, legislation, a draw, phase 1 of group 1 with responses
    in draft and submitted, feedback and a dialogue, a session.

    Never for production.
    """
    from . import demo
    from .cycle import setup as cycle_setup
    from .dialogue import demo as dialogue_demo
    from .draws import setup as draws_setup
    from .officials import setup as officials_setup
    from .outcomes import demo as outcomes_demo
    from .responses import demo as responses_demo
    from .stakeholders import demo as stakeholders_demo

    review = context.root[MECHANISM_NAME]
    demo.create_accounts(context, review["states"])
    demo.add_legislation(context)
    officials_setup.install(review, context.changed)
    draws_setup.install_demo_draw(review, context.changed)
    today = context.registry.sherloc_clock.today()
    cycle_setup.install_demo(review, context.changed, today)
    responses_demo.install_demo(review, context.changed, today)
    dialogue_demo.install_demo(review, context.changed, today)
    outcomes_demo.install_demo(review, context.changed, today)
    stakeholders_demo.install_demo(
        review,
        context.root["users"],
        context.changed,
        context.registry.sherloc_clock.now(),
    )


def uninstall(context) -> None:
    """Remove the mechanism, the published responses (their classes are the
    add-on's) and the demo's legislation; deactivate demo accounts.

    Accounts belong to the portal and are kept, but when the demo profile
    was installed every account it creates (``admin`` included) is
    deactivated and its sessions and API tokens revoked, since their password
    is public; the output lists each one ("deactivated demo account …").  An
    administrator re-activates an account by hand if it is still wanted.
    State principals end by themselves: the mechanism no longer knows any
    State.
    """
    from . import demo
    from .dialogue.publish import PUBLISHED_NAME as PUBLISHED_DIALOGUES
    from .officials import setup as officials_setup
    from .responses.publish import PUBLISHED_NAME

    root = context.root
    review = root.get(MECHANISM_NAME)
    if review is not None:
        if "demo" in root.installed:
            demo.deactivate_accounts(context, review["states"])
        officials_setup.uninstall(review, context.changed)
        root.remove(MECHANISM_NAME)
        context.changed("removed the review mechanism")
    demo.remove_legislation(context)
    knowledge = root.get("knowledge")
    if knowledge is not None and PUBLISHED_NAME in knowledge:
        knowledge.remove(PUBLISHED_NAME)
        context.changed("removed the published responses")
    if knowledge is not None and PUBLISHED_DIALOGUES in knowledge:
        knowledge.remove(PUBLISHED_DIALOGUES)
        context.changed("removed the published dialogues")


def includeme(config) -> None:
    config.add_install_profile(
        "default",
        "default",
        title=_("Review mechanism: reference data"),
        handler=install_default,
        addon="sherloc_review",
    )
    config.add_install_profile(
        "demo",
        "demo",
        title=_("Review mechanism: demonstration accounts and content"),
        handler=install_demo,
        depends=("default",),
        addon="sherloc_review",
    )
    config.add_install_profile(
        "uninstall",
        "uninstall",
        title=_("Review mechanism: uninstall"),
        handler=uninstall,
        addon="sherloc_review",
    )
