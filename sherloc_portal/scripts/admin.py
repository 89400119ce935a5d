"""``sherloc-admin``: install profiles, run upgrade steps, show what is installed.

    sherloc-admin install <ini> --profile NAME [--dry-run]
    sherloc-admin upgrade <ini> [--dry-run]
    sherloc-admin status <ini>

The application is loaded from the ``.ini`` file with the start-up data
check turned off (``sherloc.check_data_version = false``), since upgrading
old data is exactly what this command is for.  Mistakes (a wrong path, an
unknown profile, old data) end with a message and a non-zero exit code,
never a traceback.

Exit codes: 0 done, 1 the installer refused or a step failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pyramid.paster import get_appsettings, setup_logging

from ..installer import CHECK_SETTING, InstallerError

USAGE_ERROR = 2
FAILED = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sherloc-admin",
        description="Install and upgrade the SHERLOC portal's profiles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    install = commands.add_parser("install", help="install a profile (idempotent)")
    install.add_argument("ini", help="the application's .ini file")
    install.add_argument("--profile", required=True, help="the profile's name")
    install.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )
    upgrade = commands.add_parser(
        "upgrade", help="run the pending upgrade steps of every installed profile"
    )
    upgrade.add_argument("ini", help="the application's .ini file")
    upgrade.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )
    status = commands.add_parser("status", help="show installed and available versions")
    status.add_argument("ini", help="the application's .ini file")
    return parser


def load_app(ini: str):
    """The WSGI app of ``ini``, without the start-up data-version check."""
    from sherloc_portal import main as make_app

    settings = dict(get_appsettings(ini, name="main"))
    settings[CHECK_SETTING] = "false"
    # The installer creates the root itself when it installs: a status or a
    # dry run on an empty database must write nothing at all.
    settings["sherloc.bootstrap"] = "false"
    return make_app({"__file__": str(Path(ini).resolve())}, **settings)


def _print_results(results, dry_run: bool, out) -> None:
    if not results:
        print("Nothing to do.", file=out)
    for result in results:
        print(f"{'Would run' if dry_run else 'Ran'}: {result.action.title}", file=out)
        for change in result.changes:
            print(f"  - {change}", file=out)
        if not result.changes:
            print("  (no changes)", file=out)
    if dry_run:
        print("Dry run: nothing was changed.", file=out)


def _install(installer, db, args, out) -> None:
    plan = installer.plan_install(db, args.profile)
    print(f"Installing profile {args.profile}; steps:", file=out)
    for action in plan:
        print(f"  {action.title}", file=out)
    _print_results(installer.install(db, args.profile, args.dry_run), args.dry_run, out)


def _upgrade(installer, db, args, out) -> None:
    pending = installer.pending(db)
    if pending:
        print("Pending upgrade steps:", file=out)
        for action in pending:
            print(f"  {action.title}", file=out)
    _print_results(installer.upgrade(db, args.dry_run), args.dry_run, out)


def _status(installer, db, args, out) -> None:
    rows = installer.status(db)
    print(f"{'profile':<12} {'installed':>9} {'available':>9}  add-on", file=out)
    for row in rows:
        installed = "-" if row.installed is None else str(row.installed)
        available = "-" if row.available is None else str(row.available)
        addon = row.addon or "(not registered)"
        print(f"{row.name:<12} {installed:>9} {available:>9}  {addon}", file=out)
        for step in row.pending:
            print(
                f"  pending: {step.source} -> {step.destination}: {step.title}",
                file=out,
            )


COMMANDS = {"install": _install, "upgrade": _upgrade, "status": _status}


def main(argv: Sequence[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    ini = Path(args.ini)
    if not ini.is_file():
        print(f"sherloc-admin: no such settings file: {ini}", file=sys.stderr)
        return USAGE_ERROR
    setup_logging(str(ini))
    logging.getLogger("sherloc_portal.installer").setLevel(logging.WARNING)
    try:
        app = load_app(str(ini))
    except Exception as error:  # a broken .ini or unreachable storage
        print(f"sherloc-admin: cannot load {ini}: {error}", file=sys.stderr)
        return FAILED
    registry = app.registry
    try:
        COMMANDS[args.command](registry.sherloc_installer, registry.zodb, args, out)
    except InstallerError as error:
        print(f"sherloc-admin: {error}", file=sys.stderr)
        unknown = getattr(error, "known", None)
        return USAGE_ERROR if unknown is not None else FAILED
    finally:
        registry.zodb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
