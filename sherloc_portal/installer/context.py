"""What a profile's handler or an upgrade step is given to work with."""

from __future__ import annotations

import csv
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .manifest import Manifest


@dataclass
class InstallContext:
    """The portal root, the profile and its files, and a change log.

    Handlers read their data with :meth:`read_csv` / :meth:`read_toml`
    (relative to the profile's folder, so data stays data) and call
    :meth:`changed` for every change they make, *after checking that it is
    needed*: an empty :attr:`changes` list is how the installer (and its
    tests) know that a run changed nothing.
    """

    root: Any
    profile: Any
    manifest: Manifest
    path: Path
    registry: Any
    settings: Any
    dry_run: bool = False
    log: logging.Logger = field(
        default_factory=lambda: logging.getLogger("sherloc_portal.installer")
    )
    changes: list[str] = field(default_factory=list)

    def profile_path(self, name: str) -> Path:
        """The folder of another registered profile (for uninstall handlers)."""
        profile = self.registry.sherloc_extensions.profiles[name]
        return self.settings.profiles_dir / profile.folder

    def read_csv(self, filename: str, profile: str | None = None) -> list[dict]:
        folder = self.profile_path(profile) if profile else self.path
        with (folder / filename).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def read_toml(self, filename: str, profile: str | None = None) -> dict:
        folder = self.profile_path(profile) if profile else self.path
        with (folder / filename).open("rb") as f:
            return tomllib.load(f)

    def changed(self, message: str, *args: Any) -> None:
        """Record and log one change (``message % args``)."""
        text = message % args if args else message
        self.changes.append(text)
        self.log.info("%s: %s", self.profile.name, text)
