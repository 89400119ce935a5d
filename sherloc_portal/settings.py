"""Typed settings: every ``sherloc.*`` key is read once, here."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pyramid.exceptions import ConfigurationError
from pyramid.settings import asbool

_HERE = Path(__file__).resolve().parent.parent

#: The six working languages of the Mechanism (¶49), in the UN's order.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


@dataclass(frozen=True)
class PortalSettings:
    """What the portal and its add-ons read from the ``.ini`` file."""

    secret: str
    var_dir: Path
    profiles_dir: Path
    locales_dir: Path
    secure_cookies: bool
    #: Idle time after which a session ends (sliding).
    session_max_age: int
    #: Time after log-in after which a session ends, active or not.
    session_lifetime: int
    strict_safe_requests: bool
    check_data_version: bool
    #: Create the portal root at start-up if the database is empty
    #: (``sherloc-admin`` turns it off so that status and dry runs write
    #: nothing).
    bootstrap: bool
    mail_queue_path: Path
    mail_sender: str
    public_url: str
    argon2_time_cost: int
    argon2_memory_cost: int
    login_attempts: int
    login_attempts_per_address: int
    login_window: int
    reset_max_age: int
    invitation_max_age: int
    token_max_age: int


def _maybe_env(settings: dict, key: str, env: str) -> str | None:
    return os.environ.get(env) or settings.get(key)


def _secret_from_file(path: Path) -> str:
    """Read the signing secret kept in ``path``, creating it on first use.

    Lets a development site run with a secret of its own instead of one
    committed in an ``.ini`` file that anybody can read.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


def _secret(settings: dict) -> str:
    secret = _maybe_env(settings, "sherloc.secret", "SHERLOC_SECRET")
    if not secret and settings.get("sherloc.secret_file"):
        secret = _secret_from_file(Path(settings["sherloc.secret_file"]))
    if not secret or len(secret) < 32:
        raise ConfigurationError(
            "Set the SHERLOC_SECRET environment variable (or 'sherloc.secret' "
            "in the .ini file) to a random string of at least 32 characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "or 'sherloc.secret_file' to a file path where one is kept."
        )
    return secret


def read_settings(settings: dict) -> PortalSettings:
    """Parse ``sherloc.*`` settings; a missing secret or address is an error."""
    secret = _secret(settings)
    public_url = settings.get("sherloc.public_url")
    if not public_url:
        raise ConfigurationError(
            "Set 'sherloc.public_url' to the address users reach the portal at "
            "(e.g. https://sherloc.example.org): links in e-mails are built from it."
        )
    var_dir = Path(settings.get("sherloc.var_dir", _HERE / "var")).resolve()
    return PortalSettings(
        secret=secret,
        var_dir=var_dir,
        profiles_dir=Path(
            settings.get("sherloc.profiles_dir", _HERE / "profiles")
        ).resolve(),
        locales_dir=Path(
            settings.get("sherloc.locales_dir", _HERE / "locales")
        ).resolve(),
        secure_cookies=asbool(settings.get("sherloc.secure_cookies", True)),
        session_max_age=int(settings.get("sherloc.session_max_age", 8 * 3600)),
        session_lifetime=int(settings.get("sherloc.session_lifetime", 24 * 3600)),
        check_data_version=asbool(settings.get("sherloc.check_data_version", True)),
        bootstrap=asbool(settings.get("sherloc.bootstrap", True)),
        strict_safe_requests=asbool(
            settings.get("sherloc.strict_safe_requests", False)
        ),
        mail_queue_path=Path(
            settings.get("sherloc.mail_queue_path", var_dir / "mail")
        ).resolve(),
        mail_sender=settings.get("sherloc.mail_sender", "no-reply@sherloc.invalid"),
        public_url=public_url,
        argon2_time_cost=int(settings.get("sherloc.argon2_time_cost", 3)),
        argon2_memory_cost=int(settings.get("sherloc.argon2_memory_cost", 65536)),
        login_attempts=int(settings.get("sherloc.login_attempts", 5)),
        # An office behind one shared address must not be locked out by a
        # few colleagues' typos: the per-address limit is higher.
        login_attempts_per_address=int(
            settings.get("sherloc.login_attempts_per_address", 30)
        ),
        login_window=int(settings.get("sherloc.login_window", 900)),
        reset_max_age=int(settings.get("sherloc.reset_max_age", 3600)),
        invitation_max_age=int(
            settings.get("sherloc.invitation_max_age", 14 * 24 * 3600)
        ),
        token_max_age=int(settings.get("sherloc.token_max_age", 30 * 24 * 3600)),
    )


def includeme(config) -> None:
    config.registry.sherloc_settings = read_settings(config.get_settings())
    config.add_request_method(
        lambda request: request.registry.sherloc_settings,
        "sherloc_settings",
        reify=True,
    )
