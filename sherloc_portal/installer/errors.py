"""What can go wrong when installing or upgrading, as messages for people.

Every error here is a user's or an operator's problem (a wrong name, old
data, a broken manifest), so ``sherloc-admin`` prints its message and exits
without a traceback.
"""

from __future__ import annotations


class InstallerError(Exception):
    """Base of the installer's errors; ``str(error)`` is the whole message."""


class UnknownProfile(InstallerError):
    def __init__(self, name: str, known) -> None:
        self.name = name
        self.known = sorted(known)
        listed = ", ".join(self.known) or "none"
        super().__init__(
            f"Unknown install profile {name!r}. Known profiles: {listed}. "
            "A profile is registered by an add-on listed in pyramid.includes."
        )


class ManifestError(InstallerError):
    """A profile's ``manifest.toml`` is missing or malformed."""


class DependencyCycle(InstallerError):
    def __init__(self, chain) -> None:
        super().__init__(
            "Install profiles depend on each other in a circle: " + " -> ".join(chain)
        )


class NoUpgradePath(InstallerError):
    def __init__(self, profile: str, installed: int, available: int) -> None:
        super().__init__(
            f"Profile {profile!r} is installed at version {installed} but no "
            f"registered upgrade steps lead to version {available}."
        )


class GenerationTooOld(InstallerError):
    """The data is older than the oldest version this code reads.

    Like ``zope.generations``' ``GenerationTooLow``: the application refuses
    to start rather than misread old objects.
    """

    def __init__(self, profile: str, installed: int, minimum: int) -> None:
        self.profile = profile
        self.installed = installed
        self.minimum = minimum
        super().__init__(
            f"The data of profile {profile!r} is at version {installed}, older "
            f"than the oldest version this code reads ({minimum}). Run "
            "'sherloc-admin upgrade <ini>' (it lists the pending steps; "
            "add --dry-run to only look), then start the application again."
        )


class GenerationTooNew(InstallerError):
    """The data was written by a newer release than the one running."""

    def __init__(self, profile: str, installed: int, available: int) -> None:
        self.profile = profile
        self.installed = installed
        self.available = available
        super().__init__(
            f"The data of profile {profile!r} is at version {installed}, newer "
            f"than this code knows ({available}). Run the newer release, or "
            "restore a backup made for this one."
        )
