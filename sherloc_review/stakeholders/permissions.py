"""Permissions of the constructive dialogues with stakeholders (¶53)."""

from enum import StrEnum


class StakeholderPermission(StrEnum):
    # The public pages of the dialogues (date, place, cut-off, programme,
    # background papers, published comments, the chair's summary): anyone.
    PUBLIC_VIEW = "review:stakeholders:public-view"
    # Apply to take part (¶53(d), (e)): anyone, through the public form
    # (an account is created and confirmed by e-mail).
    REGISTER = "review:stakeholders:register"
    # Create dialogues, publish the programme and background papers (¶53(g)):
    # the Secretariat.
    MANAGE = "review:stakeholders:manage"
    # The list of applicants circulated to the States parties (¶53(d), (e)):
    # their officials once circulated, the Secretariat, the Chair, the Bureau.
    VIEW_APPLICANTS = "review:stakeholders:view-applicants"
    # Object to an applicant (¶53(d), (e)): a State party's focal point
    # (checked by the act: the permission goes to its officials).
    OBJECT = "review:stakeholders:object"
    # Decide an objection to an NGO (¶53(d)): the Bureau of the Conference.
    BUREAU_DECIDE = "review:stakeholders:bureau-decide"
    # Decide not to convene (¶53(f)), review comments flagged for naming a
    # country (¶53(b)), write the summary (¶53(h)): the chair of the working
    # group (the Secretariat assists with the summary).
    CHAIR = "review:stakeholders:chair"
    SUMMARY = "review:stakeholders:summary"
    # A registrant's own application: read it and withdraw it.
    OWN = "review:stakeholders:own"
