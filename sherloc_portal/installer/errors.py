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
    """The upgrade steps do not lead, one after the other, to the code's version.

    ``gap_from`` is the version no registered step starts from (where the
    chain breaks); ``next_source`` is where the next step starts instead, if
    there is one.  Running a step on data of another version would misread
    it.  ``step`` names a planned step that, when its turn came, found the
    data moved (``installed`` is then the version found, ``None`` when the
    profile was uninstalled meanwhile).
    """

    def __init__(
        self,
        profile: str,
        installed: int | None,
        available: int,
        gap_from: int | None = None,
        next_source: int | None = None,
        step: str | None = None,
    ) -> None:
        self.profile = profile
        self.installed = installed
        self.available = available
        self.gap_from = installed if gap_from is None else gap_from
        self.next_source = next_source
        self.step = step
        if step is not None:
            found = (
                "not installed any more"
                if installed is None
                else f"at version {installed}"
            )
            super().__init__(
                f"Upgrade step {step} starts from version {next_source}, but "
                f"profile {profile!r} is {found}: its data changed since the "
                "upgrade was planned. Run 'sherloc-admin upgrade <ini>' again."
            )
            return
        then = (
            "" if next_source is None else f" (the next one starts from {next_source})"
        )
        super().__init__(
            f"Profile {profile!r} is installed at version {installed}, but no "
            f"registered upgrade step starts from version {self.gap_from}{then}, "
            f"so its data cannot reach version {available}."
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
