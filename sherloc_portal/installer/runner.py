"""The profile installer: install, upgrade, status and the start-up check.

Modelled on GenericSetup's upgrade steps and Substance D's evolution
(STYLE.md §8): ``root.installed`` maps a profile to the version of its data,
``root.upgrades_done`` records the steps already run.  A fresh install marks
every step of its profile done (the data is written in the newest shape), an
upgrade runs the pending steps in order, each in its own transaction with a
note, and a dry run does the same work in one transaction that is then
aborted, so it reports what would change and changes nothing.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..extension import InstallProfile, UpgradeStep
from ..resources.root import ROOT_KEY, bootstrap
from ..zodb import run_in_transaction
from .context import InstallContext
from .errors import (
    DependencyCycle,
    GenerationTooNew,
    GenerationTooOld,
    NoUpgradePath,
    UnknownProfile,
)
from .manifest import Manifest, read_manifest

__all__ = ["Action", "ActionResult", "InstallContext", "Installer", "ProfileStatus"]

log = logging.getLogger(__name__)


def step_key(step: UpgradeStep) -> str:
    """How a step is recorded in ``root.upgrades_done``."""
    return f"{step.profile}:{step.source}->{step.destination}"


@dataclass(frozen=True)
class Action:
    """One unit of work, run in its own transaction: a profile or a step."""

    profile: str
    step: UpgradeStep | None = None

    @property
    def title(self) -> str:
        if self.step is None:
            return f"install profile {self.profile}"
        step = self.step
        return (
            f"upgrade {self.profile} {step.source} -> {step.destination}: {step.title}"
        )


@dataclass
class ActionResult:
    action: Action
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProfileStatus:
    """One line of ``sherloc-admin status`` and of the control panel."""

    name: str
    title: object
    addon: str
    installed: int | None
    available: int | None
    pending: tuple[UpgradeStep, ...] = ()

    @property
    def registered(self) -> bool:
        return self.available is not None


class _Rollback(Exception):
    """Carries a dry run's results out of the transaction it aborts."""

    def __init__(self, results: list[ActionResult]) -> None:
        super().__init__("dry run")
        self.results = results


def _portal_root(zodb_root):
    return zodb_root.get(ROOT_KEY)


class Installer:
    """Lives on ``registry.sherloc_installer``; every method takes the DB."""

    def __init__(self, registry) -> None:
        self.registry = registry

    # -- what is registered ------------------------------------------------

    @property
    def profiles(self) -> dict[str, InstallProfile]:
        return self.registry.sherloc_extensions.profiles

    def profile(self, name: str) -> InstallProfile:
        try:
            return self.profiles[name]
        except KeyError:
            raise UnknownProfile(name, self.profiles) from None

    def folder(self, name: str) -> Path:
        return self.registry.sherloc_settings.profiles_dir / self.profile(name).folder

    def manifest(self, name: str) -> Manifest:
        return read_manifest(self.folder(name))

    def steps(self, name: str) -> list[UpgradeStep]:
        return self.registry.sherloc_extensions.steps_for(name)

    def install_order(self, name: str) -> list[str]:
        """``name`` and its dependencies, dependencies first (depth first)."""
        order: list[str] = []

        def visit(current: str, chain: tuple[str, ...]) -> None:
            if current in chain:
                raise DependencyCycle((*chain, current))
            if current in order:
                return
            profile = self.profile(current)
            depends = (*profile.depends, *self.manifest(current).depends)
            for dependency in dict.fromkeys(depends):
                visit(dependency, (*chain, current))
            order.append(current)

        visit(name, ())
        return order

    # -- planning (reads only) ----------------------------------------------

    def _pending(self, root, name: str) -> list[UpgradeStep]:
        """Steps not run yet, except those for data older than the installed.

        A step added for old sites (e.g. ``1 -> 2`` on a site installed
        fresh at version 2) has nothing to do here.
        """
        installed = root.installed[name]
        return [
            s
            for s in self.steps(name)
            if step_key(s) not in root.upgrades_done and s.source >= installed
        ]

    def _upgrade_actions(self, root, name: str) -> list[Action]:
        installed = root.installed[name]
        available = self.manifest(name).version
        steps = self._pending(root, name)
        # The pending steps must lead from the installed version, each where
        # the previous one left the data: a gap would run a step on data in
        # a shape it was not written for.
        reached = installed
        for step in steps:
            if step.source != reached:
                raise NoUpgradePath(name, installed, available, reached, step.source)
            reached = step.destination
        if reached < available:
            raise NoUpgradePath(name, installed, available, reached)
        return [Action(name, step) for step in steps]

    def _plan_install(self, root, name: str) -> list[Action]:
        installed = root.installed if root is not None else {}
        actions: list[Action] = []
        for current in self.install_order(name):
            if current in installed:
                actions += self._upgrade_actions(root, current)
            if current == name or current not in installed:
                actions.append(Action(current))
        return actions

    def _plan_upgrade(self, root) -> list[Action]:
        if root is None:
            return []
        actions: list[Action] = []
        for name in self._installed_in_order(root):
            actions += self._upgrade_actions(root, name)
        return actions

    def _installed_in_order(self, root) -> list[str]:
        """Installed, registered profiles, each after its dependencies."""
        order: list[str] = []
        for name in sorted(root.installed):
            if name not in self.profiles:
                continue
            for current in self.install_order(name):
                if current in root.installed and current not in order:
                    order.append(current)
        return order

    def _read(self, db, func):
        return run_in_transaction(db, lambda zodb_root: func(_portal_root(zodb_root)))

    def plan_install(self, db, name: str) -> list[Action]:
        self.profile(name)
        return self._read(db, lambda root: self._plan_install(root, name))

    def pending(self, db) -> list[Action]:
        """The upgrade steps ``upgrade`` would run, in order."""
        return self._read(db, self._plan_upgrade)

    # -- running -------------------------------------------------------------

    def install(self, db, name: str, dry_run: bool = False) -> list[ActionResult]:
        """Install ``name`` (dependencies first); idempotent."""
        self.profile(name)
        return self._execute(db, lambda root: self._plan_install(root, name), dry_run)

    def upgrade(self, db, dry_run: bool = False) -> list[ActionResult]:
        """Run every pending step of every installed profile, in order."""
        return self._execute(db, self._plan_upgrade, dry_run)

    def _execute(self, db, plan, dry_run: bool) -> list[ActionResult]:
        if dry_run:

            def rehearse(zodb_root):
                actions = plan(_portal_root(zodb_root))
                raise _Rollback(
                    [self._run(zodb_root, a, dry_run=True) for a in actions]
                )

            try:
                run_in_transaction(db, rehearse, note="sherloc installer dry run")
            except _Rollback as rollback:
                return rollback.results
        results = []
        for action in self._read(db, plan):
            results.append(
                run_in_transaction(
                    db,
                    lambda zodb_root, action=action: self._run(zodb_root, action),
                    note=f"sherloc: {action.title}",
                )
            )
        return results

    def _context(self, root, name: str, dry_run: bool) -> InstallContext:
        return InstallContext(
            root=root,
            profile=self.profile(name),
            manifest=self.manifest(name),
            path=self.folder(name),
            registry=self.registry,
            settings=self.registry.sherloc_settings,
            dry_run=dry_run,
        )

    def _run(self, zodb_root, action: Action, dry_run: bool = False) -> ActionResult:
        root = bootstrap(zodb_root)
        context = self._context(root, action.profile, dry_run)
        log.info("%s%s", "(dry run) " if dry_run else "", action.title)
        if action.step is None:
            self._install_profile(root, context)
        else:
            self._run_step(root, context, action.step)
        return ActionResult(action, context.changes)

    def _install_profile(self, root, context: InstallContext) -> None:
        name = context.profile.name
        fresh = name not in root.installed
        context.profile.handler(context)
        if context.manifest.uninstalls:
            for other in context.manifest.uninstalls:
                self._forget(root, other, context)
            return
        if fresh:
            for step in self.steps(name):
                if step_key(step) not in root.upgrades_done:
                    root.upgrades_done[step_key(step)] = time.time()
                    context.changed(
                        "marked step %s done (fresh install)", step_key(step)
                    )
        version = context.manifest.version
        if root.installed.get(name) != version:
            root.installed[name] = version
            context.changed("recorded %s at version %s", name, version)

    def _forget(self, root, name: str, context: InstallContext) -> None:
        if name in root.installed:
            del root.installed[name]
            context.changed("recorded %s as not installed", name)
        prefix = f"{name}:"
        for key in [k for k in root.upgrades_done if k.startswith(prefix)]:
            del root.upgrades_done[key]

    def _run_step(self, root, context: InstallContext, step: UpgradeStep) -> None:
        """Run ``step`` if not done yet, on data at exactly its source version.

        The plan was checked, but in an earlier transaction: another process
        (an uninstall, a second upgrade) may have moved the data since.
        """
        key = step_key(step)
        if key in root.upgrades_done:
            return
        installed = root.installed.get(step.profile)
        if installed != step.source:
            raise NoUpgradePath(
                step.profile,
                installed,
                context.manifest.version,
                installed,
                step.source,
                step=key,
            )
        step.handler(context)
        root.upgrades_done[key] = time.time()
        context.changed("step %s done", key)
        root.installed[step.profile] = step.destination
        context.changed("recorded %s at version %s", step.profile, step.destination)

    # -- reporting and the start-up check -------------------------------------

    def status(self, db) -> list[ProfileStatus]:
        """Every registered profile, plus installed ones no add-on registers."""

        def read(root):
            installed = dict(root.installed) if root is not None else {}
            rows = []
            for name in sorted(set(self.profiles) | set(installed)):
                if name not in self.profiles:
                    rows.append(ProfileStatus(name, name, "", installed[name], None))
                    continue
                profile = self.profiles[name]
                rows.append(
                    ProfileStatus(
                        name,
                        profile.title,
                        profile.addon,
                        installed.get(name),
                        self.manifest(name).version,
                        tuple(self._pending(root, name)) if name in installed else (),
                    )
                )
            return rows

        return self._read(db, read)

    def check(self, db) -> None:
        """Refuse data this code cannot read (run at application start-up).

        Profiles installed by add-ons that are no longer plugged in are
        ignored: the portal runs without them.
        """

        def read(root):
            for name, installed in root.installed.items() if root else ():
                if name not in self.profiles:
                    continue
                manifest = self.manifest(name)
                if installed < manifest.minimum_version:
                    raise GenerationTooOld(name, installed, manifest.minimum_version)
                if installed > manifest.version:
                    raise GenerationTooNew(name, installed, manifest.version)

        self._read(db, read)
