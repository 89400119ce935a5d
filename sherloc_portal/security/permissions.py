"""Every permission of the portal, in one place (values ``area:resource:action``).

No permission string literal appears anywhere else.  Add-ons define their own
enum the same way in their ``permissions`` module.
"""

from enum import StrEnum


class Permission(StrEnum):
    ACCOUNTS_MANAGE = "portal:accounts:manage"
    ACCOUNT_EDIT_OWN = "portal:account:edit-own"
    CONTROLPANEL_VIEW = "portal:controlpanel:view"
    KNOWLEDGE_EDIT = "portal:knowledge:edit"
    # The default permission: granted to nobody, so a view that forgets to
    # name one is unreachable (SECURITY.md §1).
    NOBODY = "portal:nobody:never"
    PORTAL_VIEW = "portal:site:view"
