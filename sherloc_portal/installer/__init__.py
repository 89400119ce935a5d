"""Install profiles, upgrade steps and the start-up data-version check.

``registry.sherloc_installer`` (an :class:`~.runner.Installer`) is what
``sherloc-admin``, the control panel and the test fixtures use.  At
start-up the application refuses data older than its code can read
(:class:`~.errors.GenerationTooOld`), unless the setting
``sherloc.check_data_version`` is false — which only ``sherloc-admin``
sets, so that it can open old data to upgrade it.
"""

from __future__ import annotations

from pyramid.events import ApplicationCreated

from .context import InstallContext
from .errors import GenerationTooNew, GenerationTooOld, InstallerError, UnknownProfile
from .runner import Installer

__all__ = [
    "GenerationTooNew",
    "GenerationTooOld",
    "InstallContext",
    "Installer",
    "InstallerError",
    "UnknownProfile",
    "check_data_version",
]

CHECK_SETTING = "sherloc.check_data_version"


def check_data_version(event: ApplicationCreated) -> None:
    """Stop the start-up when the stored data is too old or too new."""
    registry = event.app.registry
    if not registry.sherloc_settings.check_data_version:
        return
    try:
        registry.sherloc_installer.check(registry.zodb)
    except InstallerError:
        registry.zodb.close()  # the application will not run: release the storage
        raise


def includeme(config) -> None:
    config.registry.sherloc_installer = Installer(config.registry)
    config.add_subscriber(check_data_version, ApplicationCreated)
    config.add_route("controlpanel", "/controlpanel")
