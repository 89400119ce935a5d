"""A profile's ``manifest.toml``: its version, dependencies and provenance."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ManifestError

MANIFEST = "manifest.toml"


@dataclass(frozen=True)
class Manifest:
    """What a profile's folder says about itself.

    ``minimum_version`` is the oldest installed version of this profile's
    data the running code still reads; older data stops the application at
    start-up (:class:`GenerationTooOld`).  ``uninstalls`` names the profiles
    an uninstall profile removes: it un-records them instead of recording
    itself.
    """

    version: int
    title: str
    depends: tuple[str, ...] = ()
    minimum_version: int = 1
    uninstalls: tuple[str, ...] = ()
    provenance: str = ""


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError as error:
        raise ManifestError(f"No {MANIFEST} in {folder}.") from error
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{path} is not valid TOML: {error}") from error
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ManifestError(f"{path}: 'version' must be a positive integer.")
    minimum = data.get("minimum_version", version)
    if not isinstance(minimum, int) or not 1 <= minimum <= version:
        raise ManifestError(
            f"{path}: 'minimum_version' must be an integer between 1 and 'version'."
        )
    return Manifest(
        version=version,
        title=str(data.get("title", folder.name)),
        depends=tuple(data.get("depends", ())),
        minimum_version=minimum,
        uninstalls=tuple(data.get("uninstalls", ())),
        provenance=str(data.get("provenance", "")),
    )
