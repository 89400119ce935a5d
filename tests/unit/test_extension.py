"""Each extension point registers, conflicts on a duplicate, and is introspectable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError


def _provider(request, user):
    return ["test:principal"]


def _handler(context):
    return None


def _collect(request):
    return []


@dataclass(frozen=True)
class Case:
    """One directive: how to call it, where it lands, how it is introspected."""

    id: str
    call: Any  # call(config, variant) registers under the same name each time
    registered: Any  # registered(extensions) -> the registered value
    expected: Any  # that value after call(config, "A")
    category: str
    name: str


CASES = [
    Case(
        "addon",
        lambda c, v: c.add_addon("some_addon", f"Some add-on {v}"),
        lambda ext: ext.addons["some_addon"],
        "Some add-on A",
        "sherloc add-ons",
        "some_addon",
    ),
    Case(
        "nav tab",
        lambda c, v: c.add_nav_tab("review", f"Review {v}", path=f"/review{v}"),
        lambda ext: ext.nav_tabs["review"].path,
        "/reviewA",
        "sherloc nav tabs",
        "review",
    ),
    Case(
        "control panel page",
        lambda c, v: c.add_controlpanel_page("states", "States", route_name=f"r{v}"),
        lambda ext: ext.controlpanel_pages["states"].route_name,
        "rA",
        "sherloc control panel",
        "states",
    ),
    Case(
        "principals provider",
        lambda c, v: c.add_principals_provider("review", _provider),
        lambda ext: ext.principals_providers["review"],
        _provider,
        "sherloc principals providers",
        "review",
    ),
    Case(
        "install profile",
        lambda c, v: c.add_install_profile(
            "default", f"folder{v}", "Default", _handler
        ),
        lambda ext: ext.profiles["default"].folder,
        "folderA",
        "sherloc profiles",
        "default",
    ),
    Case(
        "upgrade step",
        lambda c, v: c.add_upgrade_step("default", 1, 2, f"Step {v}", _handler),
        lambda ext: [s.title for s in ext.steps_for("default")],
        ["Step A"],
        "sherloc upgrade steps",
        "default:1->2",
    ),
    Case(
        "directory section",
        lambda c, v: c.add_directory_section("officials", f"Officials {v}", _collect),
        lambda ext: ext.directory_sections["officials"].title,
        "Officials A",
        "sherloc directory sections",
        "officials",
    ),
    Case(
        "layout",
        lambda c, v: c.set_portal_layout(f"theme{v}:templates/layout.pt"),
        lambda ext: ext.layout,
        "themeA:templates/layout.pt",
        "sherloc layout",
        "layout",
    ),
]


def _configurator() -> Configurator:
    config = Configurator(settings={})
    config.include("sherloc_portal.extension")
    return config


def _addon(case: Case, variant: str):
    """An add-on's ``includeme`` that calls the directive once.

    Pyramid includes a given ``module:function`` only once, so each add-on's
    function carries its own name, as two real add-on packages would.
    """

    def includeme(config):
        case.call(config, variant)

    includeme.__name__ = includeme.__qualname__ = f"addon_{variant}_includeme"
    return includeme


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_directive_registers_and_is_introspectable(case):
    config = _configurator()
    config.include(_addon(case, "A"))
    config.commit()
    extensions = config.registry.sherloc_extensions
    assert case.registered(extensions) == case.expected
    assert config.registry.introspector.get(case.category, case.name) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_two_addons_claiming_the_same_name_conflict(case):
    config = _configurator()
    config.include(_addon(case, "A"))
    config.include(_addon(case, "B"))
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_different_names_do_not_conflict():
    config = _configurator()
    config.add_nav_tab("b", "B", path="/b", order=10)
    config.add_nav_tab("a", "A", path="/a", order=10)
    config.add_nav_tab("c", "C", path="/c", order=1)
    config.commit()
    tabs = config.registry.sherloc_extensions.sorted_nav_tabs()
    assert [t.name for t in tabs] == ["c", "a", "b"]


def test_upgrade_steps_run_in_version_order():
    config = _configurator()
    config.add_upgrade_step("default", 2, 3, "second", _handler)
    config.add_upgrade_step("default", 1, 2, "first", _handler)
    config.add_upgrade_step("other", 1, 2, "elsewhere", _handler)
    config.commit()
    steps = config.registry.sherloc_extensions.steps_for("default")
    assert [s.title for s in steps] == ["first", "second"]
