"""Officials of the States: principals, invitations, directory, ¶52.

Registers everything it adds here: a principals provider, the directory
section and the views (``/review/officials/ISO3``).  The index itself is
created by :func:`sherloc_review.officials.setup.install`, which the
add-on's install profile calls.
"""

from ..i18n import _
from .directory import collect
from .principals import officials_principals


def includeme(config) -> None:
    config.include("sherloc_portal.extension")
    config.add_principals_provider("review-officials", officials_principals)
    config.add_directory_section(
        "officials", _("Focal points and governmental experts"), collect, order=10
    )
    config.scan(".views")
