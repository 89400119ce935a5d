"""The portal's documented extension points.

Add-ons plug in only through these config directives, called from their
``includeme`` (after ``config.include('sherloc_portal.extension')``)::

    config.add_nav_tab("review", _("Review"), path="/review", order=20)
    config.add_controlpanel_page("states", _("States"), route_name="...")
    config.add_principals_provider("review", provider)
    config.add_install_profile("default", "default", title=_("..."), handler=...)
    config.add_upgrade_step("default", 1, 2, "title", handler)
    config.add_directory_section("officials", _("Focal points"), collect)
    config.add_record_backlinks("answers", _("Cited in"), collect)
    config.set_portal_layout("my_theme:templates/layout.pt")

Every directive registers through ``config.action`` with a discriminator, so
two add-ons claiming the same tab, page, provider, profile or step conflict at
start-up instead of silently overriding each other, and each is listed in the
introspector (the control panel reads it from there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavTab:
    name: str
    title: Any
    path: str
    order: int = 100
    permission: str | None = None


@dataclass(frozen=True)
class ControlPanelPage:
    name: str
    title: Any
    route_name: str
    description: Any = ""


@dataclass(frozen=True)
class InstallProfile:
    """A profile: a folder under ``profiles/`` with a ``manifest.toml``.

    ``handler(context)`` imports the profile's data; ``context`` is an
    :class:`sherloc_portal.installer.runner.InstallContext`.
    """

    name: str
    folder: str
    title: Any
    addon: str
    handler: Callable
    depends: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpgradeStep:
    profile: str
    source: int
    destination: int
    title: str
    handler: Callable


@dataclass(frozen=True)
class DirectorySection:
    name: str
    title: Any
    collect: Callable
    order: int = 100


@dataclass(frozen=True)
class RecordBacklinks:
    name: str
    title: Any
    collect: Callable


@dataclass
class Extensions:
    """What add-ons registered; lives on ``registry.sherloc_extensions``."""

    nav_tabs: dict[str, NavTab] = field(default_factory=dict)
    controlpanel_pages: dict[str, ControlPanelPage] = field(default_factory=dict)
    principals_providers: dict[str, Callable] = field(default_factory=dict)
    profiles: dict[str, InstallProfile] = field(default_factory=dict)
    upgrade_steps: list[UpgradeStep] = field(default_factory=list)
    directory_sections: dict[str, DirectorySection] = field(default_factory=dict)
    record_backlinks: dict[str, RecordBacklinks] = field(default_factory=dict)
    addons: dict[str, str] = field(default_factory=dict)
    layout: str = "sherloc_portal:templates/layout.pt"

    def sorted_nav_tabs(self) -> list[NavTab]:
        return sorted(self.nav_tabs.values(), key=lambda t: (t.order, t.name))

    def steps_for(self, profile: str) -> list[UpgradeStep]:
        return sorted(
            (s for s in self.upgrade_steps if s.profile == profile),
            key=lambda s: (s.source, s.destination),
        )


def _extensions(config) -> Extensions:
    return config.registry.sherloc_extensions


def _introspectable(config, category, name, title, **values):
    intr = config.introspectable(category, name, str(title), category)
    for key, value in values.items():
        intr[key] = value
    return intr


def add_addon(config, name: str, title: Any) -> None:
    """Declare an add-on (a package plugged in by ``pyramid.includes``).

    :param name: the dotted package name, e.g. ``sherloc_review``.
    :param title: what the control panel shows.
    """

    def register():
        _extensions(config).addons[name] = title

    config.action(
        ("sherloc-addon", name),
        register,
        introspectables=(_introspectable(config, "sherloc add-ons", name, title),),
    )


def add_nav_tab(
    config,
    name: str,
    title: Any,
    path: str,
    order: int = 100,
    permission: str | None = None,
) -> None:
    """Add a tab to the portal's main navigation.

    :param name: unique id of the tab (conflicts are start-up errors).
    :param title: a translation string shown as the tab's label.
    :param path: the URL path the tab links to, relative to the portal root.
    :param order: tabs are sorted by this number, then by name.
    :param permission: if given, the tab shows only to users who hold this
        permission on the portal root.
    """
    tab = NavTab(name, title, path, order, permission)

    def register():
        _extensions(config).nav_tabs[name] = tab

    config.action(
        ("sherloc-nav-tab", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc nav tabs", name, title, path=path),
        ),
    )


def add_controlpanel_page(
    config, name: str, title: Any, route_name: str, description: Any = ""
) -> None:
    """List a page in the administrators' control panel.

    The page itself is an ordinary view the add-on registers, with its own
    permission; this only puts a link to it on ``/controlpanel``.

    :param name: unique id of the page.
    :param title: the link's label (a translation string).
    :param route_name: the route the link points to.
    :param description: one sentence shown under the link.
    """
    page = ControlPanelPage(name, title, route_name, description)

    def register():
        _extensions(config).controlpanel_pages[name] = page

    config.action(
        ("sherloc-controlpanel-page", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc control panel", name, title),
        ),
    )


def add_principals_provider(
    config, name: str, provider: Callable[[Any, Any], Iterable[str]]
) -> None:
    """Contribute principals to every authenticated request.

    :param name: unique id of the provider.
    :param provider: ``provider(request, user) -> iterable of str`` called once
        per request for the authenticated user (never for anonymous ones).  It
        must compute from stored data on every call: principals are never
        cached in a cookie (SECURITY.md §4).
    """

    def register():
        _extensions(config).principals_providers[name] = provider

    config.action(
        ("sherloc-principals-provider", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc principals providers", name, name),
        ),
    )


def add_install_profile(
    config,
    name: str,
    folder: str,
    title: Any,
    handler: Callable,
    depends: Iterable[str] = (),
    addon: str = "",
) -> None:
    """Register an install profile that ``sherloc-admin install`` can run.

    :param name: the profile's name on the command line (``--profile NAME``).
    :param folder: its folder below the ``profiles/`` directory; the folder
        holds ``manifest.toml`` (``version`` integer, provenance) and data.
    :param title: what the control panel shows.
    :param handler: ``handler(context)`` imports the data; it must be
        idempotent (running it twice changes nothing the second time).
    :param depends: profiles installed first.
    :param addon: the package that owns the profile.
    """
    profile = InstallProfile(name, folder, title, addon, handler, tuple(depends))

    def register():
        _extensions(config).profiles[name] = profile

    config.action(
        ("sherloc-profile", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc profiles", name, title, folder=folder),
        ),
    )


def add_upgrade_step(
    config, profile: str, source: int, destination: int, title: str, handler
) -> None:
    """Register an upgrade step of a profile, GenericSetup style.

    :param profile: the profile whose data the step upgrades.
    :param source: the version it upgrades from.
    :param destination: the version it leaves the data at.
    :param title: one line saying what changes, recorded as transaction note.
    :param handler: ``handler(context)``; runs in its own transaction, checks
        before it changes, and logs each change.
    """
    step = UpgradeStep(profile, source, destination, title, handler)

    def register():
        _extensions(config).upgrade_steps.append(step)

    config.action(
        ("sherloc-upgrade-step", profile, source, destination),
        register,
        introspectables=(
            _introspectable(
                config,
                "sherloc upgrade steps",
                f"{profile}:{source}->{destination}",
                title,
            ),
        ),
    )


def add_directory_section(
    config, name: str, title: Any, collect: Callable, order: int = 100
) -> None:
    """Add a section to the public directory page (``/knowledge/directory``).

    :param collect: ``collect(request) -> list of dict`` rows with keys
        ``group`` (heading), ``name``, ``role`` and optional ``note``; only
        public information may be returned.
    """
    section = DirectorySection(name, title, collect, order)

    def register():
        _extensions(config).directory_sections[name] = section

    config.action(
        ("sherloc-directory-section", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc directory sections", name, title),
        ),
    )


def add_record_backlinks(config, name: str, title: Any, collect: Callable) -> None:
    """List, on a legislation record's page, what cites the record.

    :param collect: ``collect(request, record) -> list of dict`` with keys
        ``title``, ``url`` and optional ``note``: only what the requesting
        user may see (the page itself is public).
    """
    backlinks = RecordBacklinks(name, title, collect)

    def register():
        _extensions(config).record_backlinks[name] = backlinks

    config.action(
        ("sherloc-record-backlinks", name),
        register,
        introspectables=(
            _introspectable(config, "sherloc record backlinks", name, title),
        ),
    )


def set_portal_layout(config, renderer: str) -> None:
    """Replace the portal's page layout (a Chameleon macro template).

    The template must define a ``layout`` macro with a ``content`` slot; see
    ``sherloc_portal:templates/layout.pt``.  Only one theme may set it.
    """

    def register():
        _extensions(config).layout = renderer

    config.action(
        "sherloc-layout",
        register,
        introspectables=(
            _introspectable(
                config, "sherloc layout", "layout", renderer, renderer=renderer
            ),
        ),
    )


def includeme(config) -> None:
    if not hasattr(config.registry, "sherloc_extensions"):
        config.registry.sherloc_extensions = Extensions()
    for directive in (
        add_addon,
        add_nav_tab,
        add_controlpanel_page,
        add_principals_provider,
        add_install_profile,
        add_upgrade_step,
        add_directory_section,
        add_record_backlinks,
        set_portal_layout,
    ):
        config.add_directive(directive.__name__, directive)
