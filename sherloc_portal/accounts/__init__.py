"""Accounts: login, logout, own account, password reset, invitations, /users.

The core pieces other packages call:

- :func:`.authenticate.authenticate` (the JSON API's token endpoint uses it),
- :func:`.invitations.invite` and :func:`.invitations.resend`,
- :mod:`.security_log` (the append-only, hash-chained security event log,
  on ``registry.sherloc_security_log``).
"""

from ..i18n import _
from ..security.permissions import Permission
from .security_log import SecurityLog

SECURITY_LOG_NAME = "security-events.log"


def includeme(config) -> None:
    config.include("sherloc_portal.forms")
    settings = config.registry.sherloc_settings
    config.registry.sherloc_security_log = SecurityLog(
        settings.var_dir / SECURITY_LOG_NAME
    )
    config.add_nav_tab(
        "users",
        _("Accounts"),
        path="/users",
        order=90,
        permission=Permission.ACCOUNTS_MANAGE,
    )
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("account", "/account")
    config.add_route("password_reset", "/password-reset")
    config.add_route("password_reset_link", "/password-reset/{token}")
    config.add_route("invitation", "/invitation/{token}")
    config.scan(".login")
    config.scan(".account")
    config.scan(".reset")
    config.scan(".invitations")
    config.scan(".manage")
