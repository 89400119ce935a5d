"""The profile installer on a throw-away registry and an in-memory database."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from BTrees.OOBTree import OOBTree
from ZODB import DB

from sherloc_portal.extension import Extensions, InstallProfile, UpgradeStep
from sherloc_portal.installer import GenerationTooNew, GenerationTooOld, Installer
from sherloc_portal.installer.errors import (
    DependencyCycle,
    ManifestError,
    NoUpgradePath,
    UnknownProfile,
)
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.zodb import run_in_transaction


def marks_of(root) -> OOBTree:
    """What the test handlers write: a tree kept on the portal root."""
    if getattr(root, "test_marks", None) is None:
        root.test_marks = OOBTree()
    return root.test_marks


class Site:
    """A registry with profiles in ``tmp`` whose handlers record their calls."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.calls: list[str] = []
        self.registry = SimpleNamespace(
            sherloc_extensions=Extensions(),
            sherloc_settings=SimpleNamespace(profiles_dir=tmp),
        )
        self.installer = Installer(self.registry)
        self.db = DB(None)

    def profile(self, name, version=1, depends=(), minimum=None, **manifest):
        folder = self.tmp / name
        folder.mkdir(exist_ok=True)
        lines = [f"version = {version}", f'title = "{name}"']
        if minimum is not None:
            lines.append(f"minimum_version = {minimum}")
        lines += [
            f"{key} = {value!r}".replace("'", '"') for key, value in manifest.items()
        ]
        (folder / "manifest.toml").write_text("\n".join(lines) + "\n")
        self.registry.sherloc_extensions.profiles[name] = InstallProfile(
            name, name, name, "tests", self.handler(name), tuple(depends)
        )

    def handler(self, name):
        def handle(context):
            self.calls.append(name)
            marks = marks_of(context.root)
            if name not in marks:
                marks[name] = context.manifest.version
                context.changed("marked %s", name)

        return handle

    def step(self, profile, source, destination, fail=False):
        def handle(context):
            self.calls.append(f"{profile}:{source}->{destination}")
            if fail:
                raise RuntimeError("step broke")
            marks_of(context.root)[f"step-{source}"] = destination
            context.changed("step %s", source)

        self.registry.sherloc_extensions.upgrade_steps.append(
            UpgradeStep(profile, source, destination, f"to {destination}", handle)
        )

    def read(self, func):
        return run_in_transaction(self.db, lambda zroot: func(zroot[ROOT_KEY]))

    def installed(self) -> dict:
        return self.read(lambda root: dict(root.installed))

    def done(self) -> set:
        return self.read(lambda root: set(root.upgrades_done))

    def notes(self) -> list[str]:
        """Transaction notes, oldest first."""
        return [t.description.decode() for t in self.db.storage.iterator()]


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.db.close()


def test_install_records_the_version_and_a_second_run_commits_nothing(site):
    site.profile("a", version=3)
    first = site.installer.install(site.db, "a")
    assert site.installed() == {"a": 3}
    assert "marked a" in first[0].changes
    last = site.db.lastTransaction()
    second = site.installer.install(site.db, "a")
    assert second[0].changes == []
    assert site.db.lastTransaction() == last
    assert site.calls == ["a", "a"]


def test_dependencies_are_installed_first_and_only_once(site):
    site.profile("base")
    site.profile("middle", depends=["base"])
    site.profile("top", depends=["middle", "base"])
    site.installer.install(site.db, "top")
    assert site.calls == ["base", "middle", "top"]
    site.calls.clear()
    site.installer.install(site.db, "top")
    assert site.calls == ["top"]


def test_manifest_dependencies_count_too(site):
    site.profile("base")
    site.profile("top", **{"depends": ["base"]})
    site.installer.install(site.db, "top")
    assert site.calls == ["base", "top"]


def test_dependency_cycle_is_refused(site):
    site.profile("a", depends=["b"])
    site.profile("b", depends=["a"])
    with pytest.raises(DependencyCycle, match="a -> b -> a"):
        site.installer.install(site.db, "a")


def test_fresh_install_marks_every_step_done(site):
    site.profile("a", version=3)
    site.step("a", 1, 2)
    site.step("a", 2, 3)
    site.installer.install(site.db, "a")
    assert site.done() == {"a:1->2", "a:2->3"}
    assert site.installer.pending(site.db) == []
    assert site.calls == ["a"]


def test_pending_steps_run_in_order_each_in_its_own_transaction(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=3)
    site.step("a", 2, 3)  # registered out of order on purpose
    site.step("a", 1, 2)
    assert [a.step.source for a in site.installer.pending(site.db)] == [1, 2]
    results = site.installer.upgrade(site.db)
    assert site.calls == ["a", "a:1->2", "a:2->3"]
    assert [r.action.step.destination for r in results] == [2, 3]
    assert site.installed() == {"a": 3}
    notes = site.notes()
    assert notes[-2:] == [
        "sherloc: upgrade a 1 -> 2: to 2",
        "sherloc: upgrade a 2 -> 3: to 3",
    ]
    last = site.db.lastTransaction()
    assert site.installer.upgrade(site.db) == []
    assert site.db.lastTransaction() == last


def test_reinstalling_an_old_profile_upgrades_it_first(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=2)
    site.step("a", 1, 2)
    site.installer.install(site.db, "a")
    assert site.calls == ["a", "a:1->2", "a"]
    assert site.installed() == {"a": 2}


def test_a_failing_step_is_rolled_back_and_stays_pending(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=3)
    site.step("a", 1, 2)
    site.step("a", 2, 3, fail=True)
    with pytest.raises(RuntimeError, match="step broke"):
        site.installer.upgrade(site.db)
    assert site.installed() == {"a": 2}
    assert [a.title for a in site.installer.pending(site.db)] == [
        "upgrade a 2 -> 3: to 3"
    ]


def test_missing_step_is_reported(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=2)
    with pytest.raises(NoUpgradePath) as raised:
        site.installer.upgrade(site.db)
    assert str(raised.value) == (
        "Profile 'a' is installed at version 1, but no registered upgrade step "
        "starts from version 1, so its data cannot reach version 2."
    )


def test_a_gap_between_steps_is_refused_before_anything_runs(site):
    """1 -> 2 then 3 -> 4 would run the second step on data of version 2."""
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=4)
    site.step("a", 1, 2)
    site.step("a", 3, 4)
    for run in (site.installer.upgrade, site.installer.pending):
        with pytest.raises(NoUpgradePath) as raised:
            run(site.db)
        assert str(raised.value) == (
            "Profile 'a' is installed at version 1, but no registered upgrade "
            "step starts from version 2 (the next one starts from 3), so its "
            "data cannot reach version 4."
        )
        assert (raised.value.gap_from, raised.value.next_source) == (2, 3)
    assert site.calls == ["a"]
    assert site.installed() == {"a": 1}


def test_a_step_added_for_older_data_is_not_pending(site):
    """A site installed fresh at 2 before step 1 -> 2 existed skips that step."""
    site.profile("a", version=2)
    site.installer.install(site.db, "a")
    site.profile("a", version=3)
    site.step("a", 1, 2)
    site.step("a", 2, 3)
    assert [a.title for a in site.installer.pending(site.db)] == [
        "upgrade a 2 -> 3: to 3"
    ]
    site.installer.upgrade(site.db)
    assert site.calls == ["a", "a:2->3"]
    assert site.installed() == {"a": 3}


def test_a_step_refuses_data_that_moved_after_planning(site, monkeypatch):
    """Each step runs in its own transaction, after the plan was read.

    Here an uninstall commits in between: the step must not run on data
    that is gone, nor record the profile as installed again.
    """
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=2)
    site.step("a", 1, 2)
    plan = site.installer._plan_upgrade

    def plan_then_uninstall(root):
        actions = plan(root)

        def uninstall(zodb_root):
            del zodb_root[ROOT_KEY].installed["a"]

        run_in_transaction(site.db, uninstall)
        return actions

    monkeypatch.setattr(site.installer, "_plan_upgrade", plan_then_uninstall)
    with pytest.raises(NoUpgradePath, match="'a' is not installed any more"):
        site.installer.upgrade(site.db)
    assert site.calls == ["a"]
    assert site.installed() == {}


def test_a_step_refuses_data_at_another_version(site, monkeypatch):
    """Another process recorded version 2 in between: 1 -> 2 must not run."""
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=3)
    site.step("a", 1, 2)
    site.step("a", 2, 3)
    plan = site.installer._plan_upgrade

    def plan_then_move(root):
        actions = plan(root)

        def move(zodb_root):
            zodb_root[ROOT_KEY].installed["a"] = 2

        run_in_transaction(site.db, move)
        return actions

    monkeypatch.setattr(site.installer, "_plan_upgrade", plan_then_move)
    with pytest.raises(NoUpgradePath) as raised:
        site.installer.upgrade(site.db)
    assert str(raised.value) == (
        "Upgrade step a:1->2 starts from version 1, but profile 'a' is at "
        "version 2: its data changed since the upgrade was planned. Run "
        "'sherloc-admin upgrade <ini>' again."
    )
    assert site.calls == ["a"]
    assert site.done() == set()


def test_dry_run_changes_nothing_and_says_what_would_change(site):
    site.profile("base")
    site.profile("top", depends=["base"])
    site.installer.install(site.db, "base")  # creates the root
    last = site.db.lastTransaction()
    results = site.installer.install(site.db, "top", dry_run=True)
    assert [r.action.title for r in results] == ["install profile top"]
    assert "marked top" in results[0].changes
    assert site.db.lastTransaction() == last
    assert site.installed() == {"base": 1}


def test_dry_run_upgrade_changes_nothing(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=2)
    site.step("a", 1, 2)
    last = site.db.lastTransaction()
    results = site.installer.upgrade(site.db, dry_run=True)
    assert results[0].changes == [
        "step 1",
        "step a:1->2 done",
        "recorded a at version 2",
    ]
    assert site.db.lastTransaction() == last
    assert site.installed() == {"a": 1}


def test_unknown_profile_lists_the_known_ones(site):
    site.profile("default")
    site.profile("demo")
    with pytest.raises(UnknownProfile) as raised:
        site.installer.install(site.db, "nope")
    assert "Known profiles: default, demo" in str(raised.value)


def test_broken_manifest_is_a_clear_error(site):
    site.profile("a")
    (site.tmp / "a" / "manifest.toml").write_text('version = "two"\n')
    with pytest.raises(ManifestError, match="positive integer"):
        site.installer.install(site.db, "a")


def test_uninstall_profile_forgets_what_it_removes(site):
    site.profile("a", version=2)
    site.step("a", 1, 2)
    site.profile("remove-a", uninstalls=["a"])
    site.installer.install(site.db, "a")
    site.installer.install(site.db, "remove-a")
    assert site.installed() == {}
    assert site.done() == set()


def test_data_older_than_the_code_reads_is_refused(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.installer.check(site.db)
    site.profile("a", version=2, minimum=2)
    site.step("a", 1, 2)
    with pytest.raises(GenerationTooOld, match="sherloc-admin upgrade"):
        site.installer.check(site.db)
    site.installer.upgrade(site.db)
    site.installer.check(site.db)


def test_old_data_the_code_still_reads_is_accepted(site):
    site.profile("a", version=1)
    site.installer.install(site.db, "a")
    site.profile("a", version=2, minimum=1)
    site.installer.check(site.db)


def test_data_newer_than_the_code_is_refused(site):
    site.profile("a", version=2)
    site.installer.install(site.db, "a")
    site.profile("a", version=1)
    with pytest.raises(GenerationTooNew):
        site.installer.check(site.db)


def test_profiles_of_removed_addons_are_ignored_by_the_check_and_listed(site):
    site.profile("gone")
    site.installer.install(site.db, "gone")
    del site.registry.sherloc_extensions.profiles["gone"]
    site.installer.check(site.db)
    [row] = site.installer.status(site.db)
    assert (row.name, row.installed, row.registered) == ("gone", 1, False)


def test_empty_database_has_nothing_installed_and_passes_the_check(site):
    site.profile("a")
    site.installer.check(site.db)
    [row] = site.installer.status(site.db)
    assert row.installed is None
    assert row.available == 1
