"""The demo profile's accounts and sample legislation records.

Hundreds of accounts share one password: it is hashed once per install and
the hash reused (STACK-NOTES.md), which keeps loading quick without weaker
argon2 parameters.  Existing accounts are left exactly as they are.
"""

from __future__ import annotations

import os

from sherloc_portal.resources.knowledge import LegislationRecord
from sherloc_portal.resources.users import User

DEFAULT_PASSWORD = "sherloc-demo-2026"  # noqa: S105 - documented demo default
PASSWORD_ENV = "SHERLOC_DEMO_PASSWORD"  # noqa: S105 - a variable name
LEGISLATION_FILE = "legislation.csv"


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


def account_specs(states) -> list[dict]:
    """Every demo account: portal roles, then two officials per UNTOC party."""
    specs = [
        {"login": "admin", "fullname": "Portal administrator", "roles": ("admin",)},
        {"login": "secretariat", "fullname": "Secretariat", "roles": ("secretariat",)},
        {"login": "ngo-demo", "fullname": "Demo NGO", "roles": ("ngo",)},
        {"login": "chair-demo", "fullname": "Chair (demo)", "roles": ("chair",)},
        {"login": "bureau-demo", "fullname": "Bureau (demo)", "roles": ("bureau",)},
    ]
    for state in states.values():
        if not state.is_party("UNTOC"):
            continue
        for role, title in (("focal", "Focal point"), ("expert", "Expert")):
            specs.append(
                {
                    "login": f"{role}-{state.iso3.lower()}",
                    "fullname": f"{title}, {state.name} (demo)",
                    "state": state.iso3,
                    "state_role": role,
                }
            )
    return specs


def create_accounts(context, states) -> None:
    users = context.root["users"]
    missing = [spec for spec in account_specs(states) if spec["login"] not in users]
    if not missing:
        return
    password_hash = context.registry.sherloc_passwords.hash(demo_password())
    for spec in missing:
        user = User(spec["login"], f"{spec['login']}@example.org", spec["fullname"])
        user.roles = spec.get("roles", ())
        user.state = spec.get("state", "")
        user.state_role = spec.get("state_role", "")
        user.password_hash = password_hash
        user.active = True
        users.add_user(user)
        context.changed("created account %s", user.login)


def deactivate_accounts(context, states) -> None:
    """Deactivate the demo's accounts: their password is public.

    They stay as portal data (history may name them) but can no longer log
    in; their sessions and tokens end.
    """
    users = context.root["users"]
    for spec in account_specs(states):
        user = users.get(spec["login"])
        if user is not None and user.active:
            user.active = False
            user.revoke_credentials()
            context.changed("deactivated demo account %s", user.login)


def _records(context) -> list[LegislationRecord]:
    return [
        LegislationRecord(
            row["record_id"],
            row["state"],
            row["title"],
            articles=row["articles"].split(),
            url=row["url"],
            text=row["text"],
        )
        for row in context.read_csv(LEGISLATION_FILE, profile="demo")
    ]


def add_legislation(context) -> None:
    legislation = context.root["knowledge"]["legislation"]
    for record in _records(context):
        if record.record_id not in legislation:
            legislation.add_record(record)
            context.changed("added legislation record %s", record.record_id)


def remove_legislation(context) -> None:
    legislation = context.root["knowledge"]["legislation"]
    for record in _records(context):
        if record.record_id in legislation:
            legislation.remove_record(record.record_id)
            context.changed("removed legislation record %s", record.record_id)
