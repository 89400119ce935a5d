"""Upgrade steps of the add-on's profiles, one module per step."""

from . import (
    constructive_dialogues,
    dialogue_module,
    draw_folders,
    outcomes_module,
    participation_records,
    questionnaire_module,
    review_cycle,
)


def includeme(config) -> None:
    config.add_upgrade_step(
        "default",
        1,
        2,
        "Store each State's participation with its confidence and note",
        participation_records.upgrade,
    )
    config.add_upgrade_step(
        "default",
        2,
        3,
        "Add the folders of the drawing of lots and of the reviews",
        draw_folders.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        1,
        2,
        "Make the demonstration draw",
        draw_folders.upgrade_demo,
    )
    config.add_upgrade_step(
        "default",
        3,
        4,
        "Add the review cycle and the phases of each State's review",
        review_cycle.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        2,
        3,
        "Open phase 1 of group 1 and plan a working-group session",
        review_cycle.upgrade_demo,
    )
    config.add_upgrade_step(
        "default",
        4,
        5,
        "Ask the questionnaires' real questions and open the phases' responses",
        questionnaire_module.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        3,
        4,
        "Add demonstration responses, in draft and submitted",
        questionnaire_module.upgrade_demo,
    )
    config.add_upgrade_step(
        "default",
        5,
        6,
        "Add the written feedback and the dialogue of each phase",
        dialogue_module.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        4,
        5,
        "Add demonstration feedback and dialogue",
        dialogue_module.upgrade_demo,
    )
    config.add_upgrade_step(
        "default",
        6,
        7,
        "Add the constructive dialogues with stakeholders (¶53)",
        constructive_dialogues.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        5,
        6,
        "Plan two demonstration constructive dialogues",
        constructive_dialogues.upgrade_demo,
    )
    config.add_upgrade_step(
        "default",
        7,
        8,
        "Add the lists of observations, summaries and technical-assistance records",
        outcomes_module.upgrade_default,
    )
    config.add_upgrade_step(
        "demo",
        6,
        7,
        "Add demonstration lists of observations, a summary and assistance needs",
        outcomes_module.upgrade_demo,
    )
