"""For tests and benchmarks of a source checkout: install in memory.

The review mechanism's ``default`` profile installed into a bare
:class:`PortalRoot`, without a database or a WSGI app, from the
checkout's ``profiles/`` folder (or a copy of it).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from sherloc_portal.installer.context import InstallContext
from sherloc_portal.installer.manifest import read_manifest

from .profiles import install_default

DEFAULT_PROFILE = Path(__file__).resolve().parents[1] / "profiles" / "default"


def install_default_into(root, folder: Path = DEFAULT_PROFILE) -> InstallContext:
    """Run the ``default`` profile's handler on ``root``; its context says
    what changed."""
    context = InstallContext(
        root=root,
        profile=SimpleNamespace(name="default"),
        manifest=read_manifest(folder),
        path=folder,
        registry=None,
        settings=None,
    )
    install_default(context)
    return context
