"""The portal root and its bootstrap."""

from __future__ import annotations

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow, Authenticated, Everyone

from ..security.acl import ADMIN, SECRETARIAT, fail_closed
from ..security.permissions import Permission
from ..security.tokens import TokenStore
from .folder import Folder
from .knowledge import KnowledgeBase
from .users import Users

ROOT_KEY = "sherloc_portal"


class PortalRoot(Folder):
    """``/``: holds ``users``, ``knowledge`` and whatever add-ons install.

    ``installed`` maps an install profile's name to the version installed, and
    ``upgrades_done`` the upgrade steps already run, so the installer is
    idempotent and the control panel can show what is there.
    """

    __name__ = ""
    __parent__ = None
    schema_version = 1

    def __init__(self) -> None:
        super().__init__()
        self.installed = OOBTree()
        self.upgrades_done = OOBTree()
        self.tokens = TokenStore()
        self.add("users", Users())
        self.add("knowledge", KnowledgeBase())

    @fail_closed
    def __acl__(self):
        return [
            (Allow, Everyone, Permission.PORTAL_VIEW),
            (Allow, Authenticated, Permission.ACCOUNT_EDIT_OWN),
            (Allow, ADMIN, Permission.CONTROLPANEL_VIEW),
            (Allow, ADMIN, Permission.ACCOUNTS_MANAGE),
            (Allow, SECRETARIAT, Permission.ACCOUNTS_MANAGE),
            (Allow, ADMIN, Permission.KNOWLEDGE_EDIT),
            (Allow, SECRETARIAT, Permission.KNOWLEDGE_EDIT),
        ]


def bootstrap(zodb_root) -> PortalRoot:
    """Return the portal root, creating it on first use (one transaction)."""
    root = zodb_root.get(ROOT_KEY)
    if root is None:
        root = zodb_root[ROOT_KEY] = PortalRoot()
    return root


def portal_root(request) -> PortalRoot | None:
    """The portal root whatever the request's context (``None`` if empty).

    For code that runs before or outside traversal: the security policy,
    principals providers, routes such as ``/login``.
    """
    return request.zodb_connection.root().get(ROOT_KEY)


def root_factory(request) -> PortalRoot:
    root = request.zodb_connection.root().get(ROOT_KEY)
    if root is None:
        raise RuntimeError(
            "The portal database is empty: run 'sherloc-admin install <ini>' "
            "or start the app once so it creates the root."
        )
    return root
