"""Constructive dialogues with NGOs and other stakeholders (¶53).

The Secretariat plans a dialogue after a working group's session; NGOs,
the private sector and academia apply through its public page until 15
days before (¶53(d), (e)); the list goes to the States parties 10 days
before, who may object (an NGO then goes to the Bureau); the chair may
decide not to convene (¶53(f)), reviews comments naming a country
(¶53(b)) and writes the summary (¶53(h)); the Secretariat publishes the
programme and background papers (¶53(g)).  Stakeholders never enter the
secure area: their accounts hold the ``ngo`` role only.
"""

from ..i18n import _
from .permissions import StakeholderPermission


def includeme(config) -> None:
    config.add_nav_tab(
        "constructive-dialogues",
        _("Constructive dialogues"),
        path="/review/dialogues",
        order=24,
        permission=StakeholderPermission.PUBLIC_VIEW,
    )
    config.scan(".views")
    config.scan(".manage_views")
    config.scan(".file_views")
    config.scan(".applicants_views")
    config.scan(".decision_views")
    config.scan(".apply_views")
    config.scan(".own_views")
    config.include(".api")
