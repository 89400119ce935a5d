"""Small helpers every importer uses: create or update, and say what changed.

Importers check before they change: an attribute is written only when the
file's value differs, so running an install twice changes nothing the
second time (and commits nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def sync(obj: Any, values: dict[str, Any], context, label: str) -> list[str]:
    """Set the attributes of ``obj`` that differ from ``values``."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        context.changed("%s: updated %s", label, ", ".join(changed))
    return changed


def ensure(folder, name: str, factory: Callable[[], Any], context, label: str):
    """``folder[name]``, created with ``factory()`` when missing."""
    obj = folder.get(name)
    if obj is None:
        obj = folder.add(name, factory())
        context.changed("%s: created", label)
    return obj


def words(cell: str) -> tuple[str, ...]:
    return tuple(cell.split())
