"""Upgrade steps of the add-on's profiles, one module per step."""

from . import participation_records


def includeme(config) -> None:
    config.add_upgrade_step(
        "default",
        1,
        2,
        "Store each State's participation with its confidence and note",
        participation_records.upgrade,
    )
